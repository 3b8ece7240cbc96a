import { type InjectionKey, inject, provide } from 'vue';
import { type AlertFeed, useAlertFeed } from './useAlertFeed.ts';
import { type CaseTicker, useCaseTicker } from './useCaseTicker.ts';
import { type CountyMapStream, useCountyMapStream } from './useCountyMapStream.ts';
import { type CreditStream, useCreditStream } from './useCreditStream.ts';
import { type EnvironmentStream, useEnvironmentStream } from './useEnvironmentStream.ts';
import { type ProblemsStream, useProblemsStream } from './useProblemsStream.ts';
import { type RankingStream, useRankingStream } from './useRankingStream.ts';
import type { ScreenLocation } from './useScreenLocation.ts';
import { type ServiceNetworkStream, useServiceNetworkStream } from './useServiceNetworkStream.ts';
import { type ServicePointsStream, useServicePointsStream } from './useServicePointsStream.ts';
import { type ServicesStream, useServicesStream } from './useServicesStream.ts';
import { type StaffStream, useStaffStream } from './useStaffStream.ts';

/** Every stream the screens show, opened once for the page whatever screen is on. */
export interface ScreenStreams {
  services: ServicesStream;
  ranking: RankingStream;
  countyMap: CountyMapStream;
  bankBranches: ServicePointsStream;
  kiosks: ServicePointsStream;
  villageStations: ServicePointsStream;
  serviceNetwork: ServiceNetworkStream;
  environment: EnvironmentStream;
  problems: ProblemsStream;
  credit: CreditStream;
  staff: StaffStream;
  ticker: CaseTicker;
  alerts: AlertFeed;
}

const screenStreamsKey: InjectionKey<ScreenStreams> = Symbol('screen streams');

/** Opens the streams (the township filter applies to those that can take it) and provides them. */
export function provideScreenStreams(location: Pick<ScreenLocation, 'region'>): ScreenStreams {
  const region = location.region;
  const streams: ScreenStreams = {
    services: useServicesStream({ region }),
    ranking: useRankingStream({ region }),
    countyMap: useCountyMapStream(),
    bankBranches: useServicePointsStream({ kind: 'BANK_BRANCH' }),
    kiosks: useServicePointsStream({ kind: 'SELF_SERVICE_KIOSK' }),
    villageStations: useServicePointsStream({ kind: 'VILLAGE_STATION', limit: 200 }),
    serviceNetwork: useServiceNetworkStream(),
    environment: useEnvironmentStream(),
    problems: useProblemsStream(),
    credit: useCreditStream(),
    staff: useStaffStream(),
    ticker: useCaseTicker({ region }),
    alerts: useAlertFeed({ region }),
  };
  provide(screenStreamsKey, streams);
  return streams;
}

export function useScreenStreams(): ScreenStreams {
  const streams = inject(screenStreamsKey);
  if (!streams) throw new Error('useScreenStreams() needs provideScreenStreams() in a parent');
  return streams;
}
