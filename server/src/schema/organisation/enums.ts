// The enums of halls and service points that other domains name too (the catalogue, the cases),
// kept apart from the organisation's records so that naming them imports no records.
import { builder } from '../../builder.ts';
import { HallLevel, ServicePointKind } from '../../generated/prisma/enums.ts';

export const HallLevelEnum = builder.enumType(HallLevel, {
  name: 'HallLevel',
  description: 'Level of a service hall (服务大厅层级).',
  values: {
    COUNTY: { description: 'The county’s administrative service centre (县政务服务中心).' },
    TOWNSHIP: { description: 'A township’s convenience service centre (乡镇便民服务中心).' },
    VILLAGE: { description: 'A village or community service station (村/社区便民服务站).' },
  } satisfies Record<HallLevel, { description: string }>,
});

export const ServicePointKindEnum = builder.enumType(ServicePointKind, {
  name: 'ServicePointKind',
  description: 'Kind of a place where cases are received (服务网点类型).',
  values: {
    SERVICE_HALL: { description: 'A service hall (服务大厅).' },
    BANK_BRANCH: { description: 'A rural commercial bank branch (政银合作网点).' },
    VILLAGE_STATION: { description: 'A village service station (村级服务站).' },
    SELF_SERVICE_KIOSK: { description: 'A self-service kiosk (自助服务终端).' },
  } satisfies Record<ServicePointKind, { description: string }>,
});
