// The enums of a case that other domains name too (the catalogue lists an item's channels), kept
// apart from the case records so that naming them imports no records.
import { Channel } from '../../generated/prisma/enums.ts';
import { labelledEnum } from '../labelled-enum.ts';

export const ChannelEnum = labelledEnum(Channel, {
  name: 'Channel',
  description: 'Channel through which a case was submitted (办理渠道).',
  values: {
    WEB: { description: 'Online on the web (网办).', label: '网上办' },
    MOBILE: { description: 'On the mobile app (掌办).', label: '掌上办' },
    WINDOW: { description: 'At a hall window (窗口办理).', label: '窗口办' },
    BANK_BRANCH: { description: 'At a rural commercial bank branch (政银合作网点).', label: '政银合作网点' },
    CROSS_PROVINCE: {
      description: 'With a partner county of another province (跨省通办).',
      label: '跨省通办',
    },
    SELF_SERVICE: { description: 'At a self-service kiosk (自助终端).', label: '自助终端' },
    VILLAGE_AGENT: {
      description: 'By a village agent on the applicant’s behalf (村级代办).',
      label: '村级代办',
    },
  },
});
