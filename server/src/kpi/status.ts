// Red/amber/green status (红黄绿灯) of a value against its target, in SQL.
import { type Sql, sql } from './sql.ts';

export const statuses = ['GREEN', 'AMBER', 'RED'] as const;
export type Status = (typeof statuses)[number];

/**
 * GREEN on or beyond the target, AMBER short of it by no more than the warning band, RED
 * beyond that; "beyond" follows the direction (a time limit is met from below, a rate from
 * above). Without a band only GREEN and RED. Null without a value or a target.
 */
export function statusSql(value: Sql, target: Sql, band: Sql, higherIsBetter: Sql): Sql {
  return sql`(CASE
    WHEN ${value} IS NULL OR ${target} IS NULL THEN NULL
    WHEN ${higherIsBetter} THEN CASE
      WHEN ${value} >= ${target} THEN 'GREEN'
      WHEN ${value} >= ${target} - coalesce(${band}, 0) THEN 'AMBER'
      ELSE 'RED' END
    ELSE CASE
      WHEN ${value} <= ${target} THEN 'GREEN'
      WHEN ${value} <= ${target} + coalesce(${band}, 0) THEN 'AMBER'
      ELSE 'RED' END
  END)`;
}

/** Points of a status in a roll-up: green counts fully, amber half, red nothing. */
export function statusScoreSql(status: Sql): Sql {
  return sql`(CASE ${status} WHEN 'GREEN' THEN 100 WHEN 'AMBER' THEN 50 WHEN 'RED' THEN 0 END)`;
}

/** The status of a roll-up score: 90 and above green, 60 and above amber. */
export function scoreStatusSql(score: Sql): Sql {
  return sql`(CASE WHEN ${score} IS NULL THEN NULL WHEN ${score} >= 90 THEN 'GREEN' WHEN ${score} >= 60 THEN 'AMBER' ELSE 'RED' END)`;
}
