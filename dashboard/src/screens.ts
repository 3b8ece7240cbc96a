// The panels and the named screens' layouts: the design size and columns of panels, each panel
// with its height (a CSS grid track). Every screen has the header above and the alert strip below.
import type { Component } from 'vue';
import CreditAwards from './components/credit/CreditAwards.vue';
import CreditBlacklist from './components/credit/CreditBlacklist.vue';
import CreditRepairs from './components/credit/CreditRepairs.vue';
import EnvironmentEvaluation from './components/environment/EnvironmentEvaluation.vue';
import EnvironmentIndicators from './components/environment/EnvironmentIndicators.vue';
import EnvironmentMonitoring from './components/environment/EnvironmentMonitoring.vue';
import ProblemsClearing from './components/problems/ProblemsClearing.vue';
import ProblemsFunds from './components/problems/ProblemsFunds.vue';
import ProblemsProjects from './components/problems/ProblemsProjects.vue';
import ServicesChannels from './components/services/ServicesChannels.vue';
import ServicesCounters from './components/services/ServicesCounters.vue';
import ServicesMap from './components/services/ServicesMap.vue';
import ServicesNetwork from './components/services/ServicesNetwork.vue';
import ServicesRanking from './components/services/ServicesRanking.vue';
import ServicesRate from './components/services/ServicesRate.vue';
import ServicesTargets from './components/services/ServicesTargets.vue';
import ServicesTicker from './components/services/ServicesTicker.vue';
import StaffWorkPoints from './components/staff/StaffWorkPoints.vue';
import type { ScreenName } from './config.ts';

/**
 * Every panel a layout can place, by the name the layouts use. A panel opens its own stream, so
 * a new panel is its component and its line here.
 */
export const panels = {
  rate: ServicesRate,
  counters: ServicesCounters,
  targets: ServicesTargets,
  channels: ServicesChannels,
  ranking: ServicesRanking,
  map: ServicesMap,
  network: ServicesNetwork,
  ticker: ServicesTicker,
  evaluation: EnvironmentEvaluation,
  indicators: EnvironmentIndicators,
  monitoring: EnvironmentMonitoring,
  clearing: ProblemsClearing,
  projects: ProblemsProjects,
  funds: ProblemsFunds,
  blacklist: CreditBlacklist,
  repairs: CreditRepairs,
  awards: CreditAwards,
  staff: StaffWorkPoints,
} satisfies Record<string, Component>;
export type PanelName = keyof typeof panels;

/** A panel in a column: its name, its height and, where it has room for more, props such as `limit`. */
export type PlacedPanel =
  | readonly [PanelName, string]
  | readonly [PanelName, string, Record<string, unknown>];

export interface ScreenColumn {
  width: string;
  panels: readonly PlacedPanel[];
}

export interface ScreenGrid {
  /** Chinese name, for the playlist and the page title. */
  title: string;
  width: number;
  height: number;
  columns: readonly ScreenColumn[];
}

export const layouts: Record<ScreenName, ScreenGrid> = {
  overview: {
    title: '总览',
    width: 1920,
    height: 1080,
    columns: [
      {
        width: '420px',
        panels: [
          ['rate', '210px'],
          ['targets', '164px'],
          ['channels', '1fr'],
          ['ranking', '322px'],
        ],
      },
      {
        width: '420px',
        panels: [
          ['evaluation', '196px'],
          ['indicators', '276px'],
          ['monitoring', '120px'],
          ['clearing', '1fr'],
        ],
      },
      {
        width: '1fr',
        panels: [
          ['counters', '110px'],
          ['map', '1fr'],
          ['network', '150px'],
          ['ticker', '222px'],
        ],
      },
      {
        width: '420px',
        panels: [
          ['projects', '160px'],
          ['funds', '164px'],
          ['blacklist', '1fr'],
          ['repairs', '150px'],
          ['staff', '234px'],
        ],
      },
    ],
  },
  services: {
    title: '政务服务',
    width: 1920,
    height: 1080,
    columns: [
      {
        width: '460px',
        panels: [
          ['rate', '280px'],
          ['targets', '170px'],
          ['channels', '1fr'],
        ],
      },
      {
        width: '1fr',
        panels: [
          ['counters', '120px'],
          ['map', '1fr'],
        ],
      },
      {
        width: '480px',
        panels: [
          ['ranking', '340px'],
          ['network', '150px'],
          ['ticker', '1fr', { rows: 16 }],
        ],
      },
    ],
  },
  business: {
    title: '营商环境与清障',
    width: 1920,
    height: 1080,
    columns: [
      {
        width: '600px',
        panels: [
          ['evaluation', '1fr'],
          ['monitoring', '180px'],
        ],
      },
      {
        width: '1fr',
        panels: [
          ['indicators', '300px'],
          ['clearing', '1fr'],
        ],
      },
      {
        width: '560px',
        panels: [
          ['projects', '1fr'],
          ['funds', '220px'],
        ],
      },
    ],
  },
  credit: {
    title: '信用与队伍',
    width: 1920,
    height: 1080,
    columns: [
      { width: '1fr', panels: [['blacklist', '1fr']] },
      {
        width: '720px',
        panels: [
          ['repairs', '1fr'],
          ['awards', '150px'],
          ['staff', '1fr', { limit: 10 }],
        ],
      },
    ],
  },
  wall: {
    title: '拼接屏',
    width: 5760,
    height: 1080,
    columns: [
      {
        width: '560px',
        panels: [
          ['rate', '250px'],
          ['targets', '160px'],
          ['channels', '1fr'],
          ['network', '160px'],
        ],
      },
      {
        width: '560px',
        panels: [
          ['counters', '130px'],
          ['ranking', '1fr'],
        ],
      },
      { width: '1fr', panels: [['map', '1fr']] },
      { width: '620px', panels: [['ticker', '1fr', { rows: 20 }]] },
      {
        width: '560px',
        panels: [
          ['evaluation', '260px'],
          ['indicators', '290px'],
          ['monitoring', '1fr'],
        ],
      },
      {
        width: '560px',
        panels: [
          ['clearing', '1fr'],
          ['projects', '230px'],
        ],
      },
      {
        width: '560px',
        panels: [
          ['funds', '170px'],
          ['blacklist', '1fr'],
          ['repairs', '180px'],
          ['staff', '240px', { limit: 7 }],
        ],
      },
    ],
  },
};
