// An enum's Chinese labels sit beside its values (schema/labelled-enum.ts). Before, one flat map
// keyed by value name served every enum, so a project RESOLVED (已化解) was labelled as a problem
// RESOLVED (已解决).
import { describe, expect, test } from 'vitest';
import '../../server/src/schema/index.ts';
import { ProblemStatusEnum, ProjectStatusEnum } from '../../server/src/schema/problems/records.ts';
import { ChannelEnum } from '../../server/src/schema/services/enums.ts';

describe('enum labels', () => {
  test('two enums sharing a value name keep their own labels', () => {
    expect(ProjectStatusEnum.label('RESOLVED')).toBe('已化解');
    expect(ProblemStatusEnum.label('RESOLVED')).toBe('已解决');
  });

  test('a label of every channel, and a key that is no value comes back as it is', () => {
    expect(['WEB', 'MOBILE', 'WINDOW', 'BANK_BRANCH'].map(ChannelEnum.label)).toEqual([
      '网上办',
      '掌上办',
      '窗口办',
      '政银合作网点',
    ]);
    expect(ChannelEnum.label('县本级')).toBe('县本级');
  });
});
