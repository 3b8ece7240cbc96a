// Tables the migrations create by hand that are not models in schema.prisma: the KPI rollups
// kept by triggers, the KPIs' change counter and the working-day calendar
// (prisma/migrations/*_kpi_rollups). Prisma's schema engine leaves them out of every diff, so
// the check that the migrations yield exactly schema.prisma stays strict for every modelled
// table. Qualified by schema, as the engine wants.
export const externalTables = [
  'public.KpiAreaDay',
  'public.KpiAreaMonth',
  'public.KpiCaseDay',
  'public.KpiCaseMonth',
  'public.KpiCaseItemMonth',
  'public.KpiChange',
  'public.WorkCalendar',
] as const;
