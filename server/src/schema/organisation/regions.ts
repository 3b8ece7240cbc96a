// The administrative tree (行政区划): city → county → township → village.
import { GraphQLError } from 'graphql';
import { builder, totalCountField } from '../../builder.ts';
import { RegionKind, RegionLevel } from '../../generated/prisma/enums.ts';
import { reads } from '../reads.ts';

export const RegionLevelEnum = builder.enumType(RegionLevel, {
  name: 'RegionLevel',
  description: 'Level of a node in the administrative tree (行政区划层级).',
  values: {
    CITY: { description: 'City (市), above the county.' },
    COUNTY: { description: 'County (县), the hub’s home level.' },
    TOWNSHIP: { description: 'Township level (乡镇/街道): towns, townships and subdistricts.' },
    VILLAGE: { description: 'Village level (村/社区): villages and communities.' },
  } satisfies Record<RegionLevel, { description: string }>,
});

export const RegionKindEnum = builder.enumType(RegionKind, {
  name: 'RegionKind',
  description: 'Kind of an administrative unit (行政区划类型).',
  values: {
    CITY: { description: 'City (市).' },
    COUNTY: { description: 'County (县).' },
    TOWN: { description: 'Town (镇).' },
    TOWNSHIP: { description: 'Township (乡).' },
    SUBDISTRICT: { description: 'Urban subdistrict (街道).' },
    VILLAGE: { description: 'Village (村).' },
    COMMUNITY: { description: 'Urban community (社区).' },
  } satisfies Record<RegionKind, { description: string }>,
});

export const RegionNode = builder.prismaNode('Region', {
  description: 'A node of the city → county → township → village tree (行政区划).',
  id: { field: 'id' },
  fields: (t) => ({
    code: t.exposeString('code', {
      description: '12-digit administrative division code (统计用区划代码); fictional.',
    }),
    name: t.exposeString('name', { description: 'Chinese name, e.g. 东城镇.' }),
    level: t.expose('level', { type: RegionLevelEnum, description: 'Level in the tree (层级).' }),
    kind: t.expose('kind', { type: RegionKindEnum, description: 'Kind of unit (类型).' }),
    path: t.exposeString('path', {
      description:
        'Materialised path of database ids from the root, e.g. "/1/2/15/"; a subtree shares its prefix.',
    }),
    isHome: t.exposeBoolean('isHome', {
      description: 'Part of the hub’s own county; false for the city’s peer counties.',
    }),
    population: t.exposeInt('population', {
      nullable: true,
      description: 'Resident population (常住人口), for per-capita figures.',
    }),
    parent: t.relation('parent', { nullable: true, description: 'The node above; null for the root.' }),
    children: t.relatedConnection(
      'children',
      {
        cursor: 'id',
        totalCount: true,
        description: 'The nodes directly below, ordered by code.',
        query: () => ({ orderBy: { code: 'asc' } }),
      },
      {
        name: 'RegionConnection',
        description: 'A page of regions (行政区划).',
        fields: (t) => ({ totalCount: totalCountField(t, 'How many regions the connection holds.') }),
      },
      { name: 'RegionEdge', description: 'A region with its cursor.' },
    ),
  }),
});

/** The database id behind a Region global id; GraphQLError when it cannot be one. */
export function regionIdFrom(globalId: { typename: string; id: string }): number {
  const id = Number(globalId.id);
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new GraphQLError(`Not a region id: ${globalId.id}`, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  return id;
}

builder.queryFields((t) => ({
  regions: t.prismaField({
    extensions: reads('Region'),
    authScopes: { aggregates: true },
    type: ['Region'],
    description: 'Regions of one level and/or under one parent, ordered by code (行政区划列表).',
    args: {
      level: t.arg({ type: RegionLevelEnum, description: 'Only regions of this level.' }),
      parentId: t.arg.globalID({ for: RegionNode, description: 'Only the children of this region.' }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.region.findMany({
        ...query,
        where: {
          ...(args.level ? { level: args.level } : {}),
          ...(args.parentId ? { parentId: regionIdFrom(args.parentId) } : {}),
        },
        orderBy: { code: 'asc' },
      }),
  }),
  region: t.prismaField({
    extensions: reads('Region'),
    authScopes: { aggregates: true },
    type: 'Region',
    nullable: true,
    description: 'One region by its administrative division code; null when there is none.',
    args: {
      code: t.arg.string({
        required: true,
        description: 'The 12-digit administrative division code.',
        validate: { regex: [/^\d{12}$/, { message: 'code must be 12 digits' }] },
      }),
    },
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.region.findUnique({ ...query, where: { code: args.code } }),
  }),
}));
