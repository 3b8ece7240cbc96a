// The service item catalogue (政务服务事项), the "one thing, one visit" bundles (一件事)
// and the cross-province partners (跨省通办) with the items agreed with each.
import type { Day } from './calendar.ts';
import type { SeedContext } from './context.ts';
import { type Departments, department } from './places.ts';
import { randomStream } from './random.ts';

type KeyMatter =
  | 'BUSINESS_STARTUP'
  | 'INVESTMENT_APPROVAL'
  | 'TEMPORARY_BUILDING'
  | 'UTILITY_CONNECTION'
  | 'TAX'
  | 'DEREGISTRATION';
export type Channel =
  | 'WEB'
  | 'MOBILE'
  | 'WINDOW'
  | 'BANK_BRANCH'
  | 'CROSS_PROVINCE'
  | 'SELF_SERVICE'
  | 'VILLAGE_AGENT';

export interface Item {
  id: number;
  code: string;
  name: string;
  departmentId: number;
  departmentCode: string;
  channels: Channel[];
  levels: Array<'COUNTY' | 'TOWNSHIP' | 'VILLAGE'>;
  keyMatter: KeyMatter | null;
  legalDays: number;
  promisedDays: number;
  highFrequency: boolean;
  /** Applied for by firms rather than people. */
  forEnterprise: boolean;
  /** May be offered at rural commercial bank branches (政银合作). */
  bankEligible: boolean;
  /** May be handled across provinces (跨省通办). */
  crossEligible: boolean;
  /** Offered at bank branches from this day, when selected. */
  bankSince: Day | null;
}

/**
 * One line of the catalogue: department code, name (or name stem with variants in
 * brackets) and tokens: E enterprise item, H high frequency, X may be handled across
 * provinces, B may be offered at bank branches, S self-service kiosks, T township level,
 * V village level (village agents), W window only, K:<key matter>, d:<legal>/<promised>.
 */
type Line = readonly [string, string, string, (readonly string[])?];

const v4 = ['新办', '变更', '延续', '注销'];
const v3 = ['新办', '变更', '延续'];

const CATALOGUE: readonly Line[] = [
  // 市场监管局
  ['SCJG', '有限责任公司设立登记', 'E H X K:BUSINESS_STARTUP d:15/1'],
  ['SCJG', '有限责任公司变更登记', 'E H X d:15/1'],
  ['SCJG', '有限责任公司备案', 'E X d:15/1'],
  ['SCJG', '有限责任公司注销登记', 'E H X K:DEREGISTRATION d:20/1'],
  ['SCJG', '分公司设立登记', 'E X K:BUSINESS_STARTUP d:15/1'],
  ['SCJG', '分公司变更登记', 'E X d:15/1'],
  ['SCJG', '分公司注销登记', 'E X K:DEREGISTRATION d:20/1'],
  ['SCJG', '个人独资企业设立登记', 'E X K:BUSINESS_STARTUP d:15/1'],
  ['SCJG', '个人独资企业变更登记', 'E X d:15/1'],
  ['SCJG', '个人独资企业注销登记', 'E X K:DEREGISTRATION d:20/1'],
  ['SCJG', '合伙企业设立登记', 'E X K:BUSINESS_STARTUP d:15/1'],
  ['SCJG', '合伙企业变更登记', 'E X d:15/1'],
  ['SCJG', '合伙企业注销登记', 'E X K:DEREGISTRATION d:20/1'],
  ['SCJG', '企业简易注销登记', 'E H X K:DEREGISTRATION d:20/1'],
  ['SCJG', '个体工商户设立登记', 'H X B T d:15/0'],
  ['SCJG', '个体工商户变更登记', 'X B T d:15/0'],
  ['SCJG', '个体工商户注销登记', 'X B T K:DEREGISTRATION d:15/0'],
  ['SCJG', '农民专业合作社设立登记', 'E X T K:BUSINESS_STARTUP d:15/1'],
  ['SCJG', '农民专业合作社变更登记', 'E X T d:15/1'],
  ['SCJG', '农民专业合作社注销登记', 'E X T K:DEREGISTRATION d:15/1'],
  ['SCJG', '营业执照遗失补领', 'E X S d:15/0'],
  ['SCJG', '食品经营许可', 'E X d:20/5', v4],
  ['SCJG', '食品生产许可', 'E d:20/10', v3],
  ['SCJG', '小餐饮经营登记', 'X T d:15/3'],
  ['SCJG', '食品小作坊登记', 'E T d:15/5'],
  ['SCJG', '药品零售企业许可', 'E d:30/10', v3],
  ['SCJG', '第二类医疗器械经营备案', 'E X d:5/1'],
  ['SCJG', '特种设备使用登记', 'E d:15/3'],
  ['SCJG', '特种设备作业人员资格认定', 'X d:30/15'],
  ['SCJG', '计量器具强制检定', 'E d:20/10'],
  ['SCJG', '股权出质登记', 'E X d:10/1'],
  ['SCJG', '动产抵押登记', 'E X d:10/1'],
  ['SCJG', '经营异常名录移出', 'E X d:10/3'],
  ['SCJG', '企业年度报告修改', 'E X d:10/1'],
  ['SCJG', '企业名称自主申报', 'E H X K:BUSINESS_STARTUP d:1/0'],
  ['SCJG', '企业迁移登记', 'E X d:15/3'],
  ['SCJG', '个体工商户营业执照遗失补领', 'X T d:15/0'],
  ['SCJG', '个体工商户转型为企业登记', 'E X d:15/1'],
  // 税务局
  ['SW', '发票领用', 'E H X K:TAX d:1/0'],
  ['SW', '发票代开', 'H X B T d:1/0'],
  ['SW', '增值税申报', 'E H X K:TAX d:1/0'],
  ['SW', '企业所得税申报', 'E H X K:TAX d:1/0'],
  ['SW', '个人所得税经营所得申报', 'X K:TAX d:1/0'],
  ['SW', '个人所得税综合所得汇算清缴', 'H X K:TAX d:1/0'],
  ['SW', '财产和行为税合并申报', 'E X K:TAX d:1/0'],
  ['SW', '税务登记信息确认', 'E X K:BUSINESS_STARTUP d:1/0'],
  ['SW', '跨区域涉税事项报告', 'E X K:TAX d:1/0'],
  ['SW', '清税证明开具', 'E X K:DEREGISTRATION d:1/0'],
  ['SW', '纳税证明开具', 'E H X S d:1/0'],
  ['SW', '出口退（免）税备案', 'E X d:5/1'],
  ['SW', '增值税一般纳税人登记', 'E X K:TAX d:1/0'],
  ['SW', '城乡居民基本养老保险费缴纳', 'H X B V d:1/0'],
  ['SW', '城乡居民基本医疗保险费缴纳', 'H X B V d:1/0'],
  ['SW', '车辆购置税申报', 'X d:1/0'],
  ['SW', '契税申报', 'X d:1/0'],
  ['SW', '存量房交易税费申报', 'H X d:1/0'],
  ['SW', '非正常户解除', 'E d:5/1'],
  ['SW', '税收完税证明开具', 'X S d:1/0'],
  ['SW', '增值税留抵退税申请', 'E X K:TAX d:10/5'],
  ['SW', '社会保险费缴费申报', 'E H X K:TAX d:1/0'],
  ['SW', '残疾人就业保障金申报', 'E X d:1/0'],
  ['SW', '个人所得税专项附加扣除信息报送', 'H X K:TAX d:1/0'],
  ['SW', '印花税申报', 'E X K:TAX d:1/0'],
  ['SW', '房产税申报', 'E X K:TAX d:1/0'],
  ['SW', '城镇土地使用税申报', 'E X K:TAX d:1/0'],
  ['SW', '发票缴销', 'E X K:DEREGISTRATION d:1/0'],
  ['SW', '停业登记', 'E X d:1/0'],
  ['SW', '复业登记', 'E X d:1/0'],
  ['SW', '税务注销即时办结', 'E X K:DEREGISTRATION d:1/0'],
  // 资规局
  ['ZG', '国有建设用地使用权首次登记', 'E X d:30/5'],
  ['ZG', '房屋所有权首次登记', 'X d:30/5'],
  ['ZG', '二手房转移登记', 'H X d:30/3'],
  ['ZG', '新建商品房转移登记', 'H X d:30/3'],
  ['ZG', '不动产抵押权首次登记', 'H X d:30/1'],
  ['ZG', '不动产抵押权注销登记', 'H X B d:30/1'],
  ['ZG', '不动产变更登记', 'X d:30/3'],
  ['ZG', '不动产更正登记', 'X d:30/5'],
  ['ZG', '不动产预告登记', 'X d:30/3'],
  ['ZG', '不动产查封登记', 'd:1/1'],
  ['ZG', '不动产登记资料查询', 'H X B S d:1/0'],
  ['ZG', '不动产权证书补换发', 'X d:30/5'],
  ['ZG', '不动产登记证明补发', 'X d:30/5'],
  ['ZG', '不动产异议登记', 'X d:1/1'],
  ['ZG', '地役权登记', 'X d:30/10'],
  ['ZG', '宅基地使用权及房屋所有权登记', 'T V d:30/10'],
  ['ZG', '建设用地规划许可证核发', 'E K:INVESTMENT_APPROVAL d:20/5'],
  ['ZG', '建设工程规划许可证核发', 'E K:INVESTMENT_APPROVAL d:20/5'],
  ['ZG', '乡村建设规划许可证核发', 'T d:20/10'],
  ['ZG', '建设项目用地预审与选址意见书核发', 'E K:INVESTMENT_APPROVAL d:20/7'],
  ['ZG', '临时用地审批', 'E K:TEMPORARY_BUILDING d:20/10'],
  ['ZG', '临时建设工程规划许可', 'E K:TEMPORARY_BUILDING d:20/5'],
  ['ZG', '林木采伐许可证核发', 'T V d:20/3'],
  ['ZG', '使用林地审核', 'E d:20/10'],
  ['ZG', '测绘成果提供', 'E d:10/5'],
  // 人社局
  ['RS', '社会保障卡申领', 'H X B S V d:5/1'],
  ['RS', '社会保障卡挂失', 'H X B S V d:1/0'],
  ['RS', '社会保障卡补换', 'H X B S V d:5/0'],
  ['RS', '社会保障卡信息变更', 'X B S d:5/0'],
  ['RS', '社会保障卡启用', 'X B S d:1/0'],
  ['RS', '城乡居民基本养老保险参保登记', 'H X B T V d:5/0'],
  ['RS', '城乡居民基本养老保险待遇申领', 'X T V d:10/3'],
  ['RS', '城乡居民养老保险待遇资格认证', 'H X T V d:1/0'],
  ['RS', '城乡居民养老保险关系转移接续', 'X d:45/15'],
  ['RS', '企业职工基本养老保险关系转移接续', 'H X d:45/15'],
  ['RS', '职工正常退休申请', 'X d:20/5'],
  ['RS', '养老保险个人账户一次性待遇申领', 'X d:20/10'],
  ['RS', '失业保险金申领', 'X B T d:15/3'],
  ['RS', '失业保险关系转移', 'X d:15/5'],
  ['RS', '失业登记', 'X T V d:5/0'],
  ['RS', '就业登记', 'H X T V d:5/0'],
  ['RS', '就业创业证申领', 'X T d:5/1'],
  ['RS', '灵活就业人员参保登记', 'H X B d:5/0'],
  ['RS', '个人权益记录查询打印', 'H X B S V d:1/0'],
  ['RS', '参保缴费证明开具', 'H X B S V d:1/0'],
  ['RS', '单位参保登记', 'E H X K:BUSINESS_STARTUP d:5/0'],
  ['RS', '单位参保信息变更', 'E X d:5/0'],
  ['RS', '单位参保注销', 'E X K:DEREGISTRATION d:5/0'],
  ['RS', '工伤认定申请', 'X d:60/20'],
  ['RS', '劳动能力鉴定申请', 'X d:60/30'],
  ['RS', '工伤保险待遇申领', 'X d:30/10'],
  ['RS', '职业技能等级证书查询', 'X S d:1/0'],
  ['RS', '创业担保贷款申请', 'X T d:20/10'],
  ['RS', '高校毕业生就业补贴申领', 'X d:20/10'],
  ['RS', '被征地农民参加基本养老保险', 'T V d:20/10'],
  ['RS', '企业吸纳就业补贴申领', 'E X d:20/10'],
  ['RS', '劳动人事争议调解申请', 'X T d:15/7'],
  ['RS', '社会保障卡密码重置', 'X B S d:1/0'],
  ['RS', '社会保障卡金融账户激活', 'X B d:1/0'],
  ['RS', '企业职工基本养老保险参保登记', 'H X B d:5/0'],
  ['RS', '企业职工基本养老保险待遇申领', 'X d:20/5'],
  ['RS', '养老保险待遇领取地变更', 'X d:20/5'],
  ['RS', '视同缴费年限认定', 'X d:20/10'],
  ['RS', '失业保险稳岗返还', 'E X d:20/5'],
  ['RS', '工伤保险待遇转移', 'X d:30/10'],
  ['RS', '一次性创业补贴申领', 'X T d:20/10'],
  ['RS', '职业资格证书补办', 'X d:20/10'],
  // 医保局
  ['YB', '城乡居民医保参保登记', 'H X B T V d:5/0'],
  ['YB', '职工医保参保登记', 'E X d:5/0'],
  ['YB', '医保参保信息变更', 'X B T V d:5/0'],
  ['YB', '医保关系转移接续', 'H X B d:45/10'],
  ['YB', '异地长期居住人员备案', 'H X B S V d:1/0'],
  ['YB', '临时外出就医人员备案', 'H X B S V d:1/0'],
  ['YB', '异地转诊人员备案', 'X d:1/0'],
  ['YB', '医疗费用手工报销', 'X T d:30/10'],
  ['YB', '门诊慢特病待遇认定', 'X T d:20/5'],
  ['YB', '生育医疗费用报销', 'X d:30/10'],
  ['YB', '生育津贴申领', 'X d:30/10'],
  ['YB', '医保参保凭证查询打印', 'H X B S V d:1/0'],
  ['YB', '医保电子凭证激活', 'X B S d:1/0'],
  ['YB', '医疗救助申请', 'T V d:20/10'],
  ['YB', '定点医药机构申请', 'E d:60/30'],
  ['YB', '职工医保个人账户家庭共济备案', 'X B d:1/0'],
  ['YB', '门诊费用跨省直接结算', 'H X d:1/0'],
  ['YB', '长期护理保险待遇申请', 'X T d:30/15'],
  ['YB', '医保定点医疗机构变更', 'X d:1/0'],
  // 公积金中心
  ['GJJ', '住房公积金单位缴存登记', 'E X K:BUSINESS_STARTUP d:5/0'],
  ['GJJ', '住房公积金单位信息变更', 'E X d:5/0'],
  ['GJJ', '住房公积金提取', 'H X B d:3/0', ['租房', '购房', '退休', '离职', '还贷', '大病']],
  ['GJJ', '住房公积金贷款申请', 'X d:15/7'],
  ['GJJ', '住房公积金缴存证明开具', 'H X B S d:1/0'],
  ['GJJ', '住房公积金个人账户转移', 'X B d:5/1'],
  ['GJJ', '住房公积金贷款提前还款', 'X B d:3/1'],
  ['GJJ', '住房公积金贷款结清证明', 'X B d:1/0'],
  ['GJJ', '住房公积金个人缴存信息变更', 'X B d:5/0'],
  ['GJJ', '住房公积金异地转移接续', 'H X d:15/5'],
  ['GJJ', '住房公积金缴存基数调整', 'E X d:5/1'],
  // 公安局
  ['GA', '户口迁入', 'H X d:20/5', ['投靠', '入学', '就业', '购房', '婚迁']],
  ['GA', '户口迁出', 'X d:20/3'],
  ['GA', '出生登记', 'H X T d:10/1'],
  ['GA', '死亡注销户口', 'X T V d:5/0'],
  ['GA', '户口项目变更更正', 'X d:20/5'],
  ['GA', '居民身份证首次申领', 'H X T d:60/20'],
  ['GA', '居民身份证换领', 'H X T d:60/20'],
  ['GA', '居民身份证补领', 'H X T d:60/20'],
  ['GA', '临时居民身份证申领', 'X d:3/1'],
  ['GA', '居住证申领', 'H X T d:15/5'],
  ['GA', '无犯罪记录证明开具', 'H X S d:7/1'],
  ['GA', '户籍证明开具', 'X S T d:3/0'],
  ['GA', '机动车驾驶证换证', 'H X d:5/1'],
  ['GA', '机动车驾驶证补证', 'X d:5/1'],
  ['GA', '机动车驾驶证审验', 'X d:5/1'],
  ['GA', '机动车检验标志核发', 'H X S d:1/0'],
  ['GA', '机动车注册登记', 'X d:2/1'],
  ['GA', '机动车转移登记', 'X d:2/1'],
  ['GA', '机动车抵押登记', 'X d:2/1'],
  ['GA', '机动车注销登记', 'X d:2/1'],
  ['GA', '普通护照签发', 'X W d:20/7'],
  ['GA', '往来港澳通行证签发', 'X W d:20/7'],
  ['GA', '往来台湾通行证签发', 'X W d:20/7'],
  ['GA', '往来港澳签注', 'X S d:20/7'],
  ['GA', '印章刻制备案', 'E X K:BUSINESS_STARTUP d:1/0'],
  ['GA', '旅馆业特种行业许可', 'E d:20/10'],
  ['GA', '剧毒化学品购买许可', 'E d:10/5'],
  ['GA', '烟花爆竹道路运输许可', 'E d:10/3'],
  ['GA', '居民户口簿补领', 'X T d:5/1'],
  ['GA', '户籍档案查询', 'X d:3/1'],
  ['GA', '非机动车登记', 'X T d:1/0'],
  ['GA', '机动车驾驶证延期换证', 'X d:5/1'],
  ['GA', '机动车行驶证补领', 'X d:5/1'],
  ['GA', '机动车号牌补领', 'X d:15/5'],
  ['GA', '驾驶人身体条件证明提交', 'X S d:1/0'],
  // 住建局
  ['ZJ', '建筑工程施工许可证核发', 'E K:INVESTMENT_APPROVAL d:15/3'],
  ['ZJ', '建设工程消防设计审查', 'E K:INVESTMENT_APPROVAL d:15/7'],
  ['ZJ', '建设工程消防验收', 'E d:15/5'],
  ['ZJ', '房屋建筑和市政基础设施工程竣工验收备案', 'E d:15/5'],
  ['ZJ', '商品房预售许可', 'E d:20/7'],
  ['ZJ', '建筑业企业资质', 'E X d:20/10', ['新办', '延续', '变更']],
  ['ZJ', '房地产开发企业资质核定', 'E d:20/10'],
  ['ZJ', '房屋租赁登记备案', 'X d:3/1'],
  ['ZJ', '城市建筑垃圾处置核准', 'E d:20/5'],
  ['ZJ', '公共租赁住房申请', 'T d:30/15'],
  ['ZJ', '住房保障资格审核', 'T V d:30/15'],
  ['ZJ', '燃气经营许可', 'E d:20/10'],
  ['ZJ', '建设工程质量安全监督手续办理', 'E K:INVESTMENT_APPROVAL d:5/2'],
  ['ZJ', '施工图审查备案', 'E K:INVESTMENT_APPROVAL d:10/5'],
  ['ZJ', '建筑施工特种作业人员操作资格', 'X d:20/10'],
  // 发改局
  ['FG', '企业投资项目备案', 'E H K:INVESTMENT_APPROVAL d:5/1'],
  ['FG', '企业投资项目核准', 'E K:INVESTMENT_APPROVAL d:20/10'],
  ['FG', '政府投资项目建议书审批', 'E K:INVESTMENT_APPROVAL d:20/10'],
  ['FG', '政府投资项目可行性研究报告审批', 'E K:INVESTMENT_APPROVAL d:20/10'],
  ['FG', '固定资产投资项目节能审查', 'E K:INVESTMENT_APPROVAL d:20/10'],
  ['FG', '信用修复申请', 'E d:15/5'],
  ['FG', '公共信用信息报告查询', 'E H X S d:3/0'],
  ['FG', '粮食收购资格备案', 'E d:15/5'],
  // 经信局、财政局、科技局、商务局
  ['JX', '企业技术改造项目备案', 'E K:INVESTMENT_APPROVAL d:5/2'],
  ['JX', '小微企业园认定', 'E d:30/15'],
  ['JX', '企业上规升级奖励申请', 'E d:30/15'],
  ['CZ', '政府采购供应商注册', 'E X d:5/1'],
  ['CZ', '非税收入缴款', 'H X B S d:1/0'],
  ['CZ', '代理记账许可', 'E d:20/10'],
  ['KJ', '科技型中小企业评价', 'E d:30/15'],
  ['KJ', '高新技术企业认定推荐', 'E d:30/15'],
  ['KJ', '科技成果登记', 'E d:10/5'],
  ['SWU', '对外贸易经营者备案', 'E X d:5/1'],
  ['SWU', '成品油零售经营资格', 'E d:20/10'],
  ['SWU', '单用途预付卡备案', 'E d:10/5'],
  ['SWU', '报废机动车回收拆解企业资格认定', 'E d:30/15'],
  ['SWU', '酒类流通备案', 'E X d:10/1'],
  // 民政局
  ['MZ', '内地居民婚姻登记', 'H X d:1/0', ['结婚', '离婚', '补领婚姻登记证']],
  ['MZ', '最低生活保障申请', 'T V d:30/20'],
  ['MZ', '特困人员救助供养申请', 'T V d:30/20'],
  ['MZ', '临时救助申请', 'T V d:10/5'],
  ['MZ', '困难残疾人生活补贴申领', 'T V d:20/10'],
  ['MZ', '重度残疾人护理补贴申领', 'T V d:20/10'],
  ['MZ', '高龄津贴申领', 'H T V d:20/10'],
  ['MZ', '殡葬补助申领', 'T V d:10/5'],
  ['MZ', '社会团体成立登记', 'X d:60/30'],
  ['MZ', '民办非企业单位成立登记', 'd:60/30'],
  ['MZ', '养老机构备案', 'E d:10/5'],
  ['MZ', '居家养老服务补贴申请', 'T V d:20/10'],
  ['MZ', '收养登记', 'X d:30/20'],
  ['MZ', '婚姻登记记录证明开具', 'X d:1/0'],
  ['MZ', '老年人优待证申领', 'X T V d:10/3'],
  // 卫健局
  ['WJ', '出生医学证明签发', 'H X d:20/10'],
  ['WJ', '医疗机构执业登记', 'E d:45/20'],
  ['WJ', '诊所备案', 'E d:5/1'],
  ['WJ', '公共场所卫生许可', 'E T X d:20/3', v4],
  ['WJ', '医师执业注册', 'X d:20/5'],
  ['WJ', '护士执业注册', 'X d:20/5'],
  ['WJ', '放射诊疗许可', 'E d:20/10'],
  ['WJ', '生育登记服务', 'H X T V d:1/0'],
  ['WJ', '计划生育家庭奖励扶助', 'T V d:30/15'],
  ['WJ', '母婴保健技术服务执业许可', 'E d:30/15'],
  ['WJ', '独生子女父母光荣证补办', 'X T d:5/1'],
  ['WJ', '出生医学证明补发', 'X d:20/10'],
  ['WJ', '预防接种证明开具', 'X T d:5/1'],
  // 交通运输局
  ['JT', '道路货物运输经营许可', 'E X d:20/5'],
  ['JT', '道路旅客运输经营许可', 'E d:20/10'],
  ['JT', '道路运输车辆年度审验', 'E H X d:5/1'],
  ['JT', '网络预约出租汽车驾驶员证核发', 'X d:20/5'],
  ['JT', '巡游出租汽车驾驶员证核发', 'X d:20/5'],
  ['JT', '道路运输从业人员从业资格证', 'X d:10/3', ['新办', '换证', '补证', '注销']],
  ['JT', '公路超限运输许可', 'E X d:15/3'],
  ['JT', '涉路施工许可', 'E K:TEMPORARY_BUILDING d:20/5'],
  ['JT', '机动车维修经营备案', 'E X d:5/1'],
  ['JT', '水路运输经营许可', 'E d:20/10'],
  ['JT', '道路运输证补发', 'E X d:5/1'],
  ['JT', '营运车辆转籍', 'E X d:5/1'],
  // 农业农村局
  ['NY', '农药经营许可', 'E d:20/10'],
  ['NY', '兽药经营许可', 'E d:20/10'],
  ['NY', '农作物种子生产经营许可', 'E d:20/10'],
  ['NY', '动物防疫条件合格证核发', 'E d:20/10'],
  ['NY', '拖拉机和联合收割机登记', 'X T d:5/2'],
  ['NY', '拖拉机和联合收割机驾驶证', 'X T d:5/2'],
  ['NY', '农机购置补贴申请', 'T V d:30/15'],
  ['NY', '渔业捕捞许可', 'T d:20/10'],
  ['NY', '农村宅基地用地审批', 'T V d:20/10'],
  ['NY', '生猪定点屠宰证核发', 'E d:30/15'],
  ['NY', '耕地地力保护补贴申领', 'T V d:30/20'],
  ['NY', '家庭农场名录登记', 'T V d:10/3'],
  ['NY', '水产苗种生产许可', 'E d:20/10'],
  // 水利局
  ['SL', '取水许可', 'E d:45/15'],
  ['SL', '河道管理范围内建设项目工程建设方案审批', 'E K:INVESTMENT_APPROVAL d:20/10'],
  ['SL', '生产建设项目水土保持方案审批', 'E K:INVESTMENT_APPROVAL d:20/7'],
  ['SL', '洪水影响评价类审批', 'E d:20/10'],
  ['SL', '占用农业灌溉水源审批', 'E d:20/10'],
  ['SL', '水库移民后期扶持人口核定', 'T V d:30/15'],
  // 生态环境分局
  ['STHJ', '建设项目环境影响报告书审批', 'E K:INVESTMENT_APPROVAL d:60/15'],
  ['STHJ', '建设项目环境影响报告表审批', 'E K:INVESTMENT_APPROVAL d:30/10'],
  ['STHJ', '建设项目环境影响登记表备案', 'E K:INVESTMENT_APPROVAL d:1/0'],
  ['STHJ', '排污许可', 'E d:30/10', v4],
  ['STHJ', '固定污染源排污登记', 'E d:1/0'],
  ['STHJ', '辐射安全许可', 'E d:20/10'],
  // 文广旅体局
  ['WGLT', '娱乐场所经营许可', 'E d:20/10'],
  ['WGLT', '互联网上网服务营业场所经营许可', 'E d:20/10'],
  ['WGLT', '出版物零售业务许可', 'E X d:20/5'],
  ['WGLT', '营业性演出许可', 'E X d:20/5'],
  ['WGLT', '旅行社设立许可', 'E d:20/10'],
  ['WGLT', '高危险性体育项目经营许可', 'E d:30/10'],
  ['WGLT', '民宿开办备案', 'E T d:10/3'],
  // 应急管理局
  ['YJ', '危险化学品经营许可', 'E d:30/15', v3],
  ['YJ', '烟花爆竹经营（零售）许可', 'E T d:20/5'],
  ['YJ', '非煤矿山安全生产许可', 'E d:45/20'],
  ['YJ', '生产经营单位主要负责人安全生产知识和管理能力考核', 'X d:20/10'],
  ['YJ', '生产安全事故应急预案备案', 'E d:20/5'],
  // 综合执法局
  ['ZF', '城市建筑垃圾准运证核发', 'E d:20/5'],
  ['ZF', '临时占用城市道路审批', 'E K:TEMPORARY_BUILDING d:20/5'],
  ['ZF', '挖掘城市道路审批', 'E K:TEMPORARY_BUILDING d:20/5'],
  ['ZF', '户外广告设施设置审批', 'E d:20/5'],
  ['ZF', '城镇污水排入排水管网许可', 'E K:UTILITY_CONNECTION d:20/5'],
  ['ZF', '临时建筑审批', 'E K:TEMPORARY_BUILDING d:20/5'],
  ['ZF', '改变绿化规划、砍伐城市树木审批', 'E d:20/5'],
  ['ZF', '临时占道经营许可', 'T d:10/3'],
  // 司法局、退役军人局、残联
  ['SF', '法律援助申请', 'X T V d:7/3'],
  ['SF', '公证申请', 'X d:15/5', ['学历公证', '亲属关系公证', '出生公证', '无犯罪记录公证']],
  [
    'SF',
    '公证申请',
    'X d:15/5',
    [
      '学历公证',
      '学位公证',
      '亲属关系公证',
      '出生公证',
      '婚姻状况公证',
      '无犯罪记录公证',
      '驾驶证公证',
      '经历公证',
    ],
  ],
  ['SF', '人民调解申请', 'T V d:15/7'],
  ['TY', '退役士兵安置', 'd:30/15'],
  ['TY', '优待证申领', 'H X T V d:20/10'],
  ['TY', '伤残抚恤关系转移', 'X d:30/10'],
  ['TY', '退役军人档案接收', 'X d:10/5'],
  ['TY', '退役军人信息采集', 'X T V d:5/1'],
  ['TY', '退役军人就业创业补贴申领', 'X T d:20/10'],
  ['CL', '残疾人证新办', 'T V d:30/10'],
  ['CL', '残疾人证换领', 'X T V d:20/5'],
  ['CL', '残疾人证迁移', 'X d:20/5'],
  ['CL', '残疾人证挂失补办', 'X T d:20/5'],
  ['CL', '残疾人辅助器具适配申请', 'T V d:20/10'],
  // 消防、气象、烟草
  ['XF', '公众聚集场所投入使用营业前消防安全检查', 'E d:10/5'],
  ['QX', '雷电防护装置设计审核', 'E K:INVESTMENT_APPROVAL d:20/5'],
  ['QX', '雷电防护装置竣工验收', 'E d:20/5'],
  ['QX', '升放无人驾驶自由气球审批', 'E d:10/3'],
  ['YC', '烟草专卖零售许可', 'E T X d:20/5', ['新办', '变更', '延续', '歇业']],
  // 水电气
  ['GD', '低压非居民用电报装', 'E H K:UTILITY_CONNECTION d:15/3'],
  ['GD', '高压用电报装', 'E K:UTILITY_CONNECTION d:30/15'],
  ['GD', '居民用电报装', 'H X B T d:5/2'],
  ['GD', '用电过户', 'H X B d:5/1'],
  ['GD', '电费缴纳', 'H X B S d:1/0'],
  ['GD', '用电增容减容', 'E K:UTILITY_CONNECTION d:15/5'],
  ['GD', '用电更名', 'X B d:5/1'],
  ['GD', '分布式光伏并网申请', 'X T d:20/10'],
  ['SWJT', '非居民用水报装', 'E H K:UTILITY_CONNECTION d:15/3'],
  ['SWJT', '居民用水报装', 'H X T d:10/3'],
  ['SWJT', '用水过户', 'H X B d:5/1'],
  ['SWJT', '水费缴纳', 'H X B S d:1/0'],
  ['SWJT', '排水接入', 'E K:UTILITY_CONNECTION d:15/5'],
  ['SWJT', '用水更名', 'X B d:5/1'],
  ['RQ', '非居民用气报装', 'E K:UTILITY_CONNECTION d:15/3'],
  ['RQ', '居民用气报装', 'H X d:10/3'],
  ['RQ', '用气过户', 'H X B d:5/1'],
  ['RQ', '燃气费缴纳', 'H X B S d:1/0'],
  // 教育局
  ['JY', '义务教育阶段转学', 'H X T d:10/5'],
  ['JY', '义务教育招生入学登记', 'H X T d:30/15'],
  ['JY', '教师资格认定', 'X d:30/20'],
  ['JY', '民办学校设立审批', 'E d:60/30'],
  ['JY', '学生资助申请', 'T V d:20/10'],
  ['JY', '学籍证明开具', 'X d:5/1'],
  ['JY', '学历证明补办', 'X d:10/5'],
  ['JY', '高中阶段转学', 'X d:10/5'],
  ['JY', '学前教育入园登记', 'X T d:30/15'],
  ['JY', '普通话水平测试等级证书补办', 'X d:10/5'],
  // 营商办
  ['YSB', '投资项目代办服务', 'E K:INVESTMENT_APPROVAL d:1/1'],
  ['YSB', '帮办代办服务申请', 'X T V d:1/0'],
];

/**
 * Cross-province items (241) and bank-branch items (34) of the work summary. They stay the
 * catalogue's lists up to today, so the live figures are the summary's; the years after
 * 2022 add a partner county, not items.
 */
export const CROSS_ITEMS = 241;
export const BANK_ITEMS = 34;

/** Expands the catalogue lines into items, in catalogue order. */
export function catalogueItems(departments: Departments): Item[] {
  const items: Item[] = [];
  for (const [code, stem, tokenText, variants] of CATALOGUE) {
    const tokens = new Set(tokenText.split(' '));
    const days = [...tokens]
      .find((t) => t.startsWith('d:'))
      ?.slice(2)
      .split('/')
      .map(Number) ?? [20, 10];
    const keyMatter =
      ([...tokens].find((t) => t.startsWith('K:'))?.slice(2) as KeyMatter | undefined) ?? null;
    const names = variants ? variants.map((v) => `${stem}（${v}）`) : [stem];
    for (const name of names) {
      const id = items.length + 1;
      const channels: Channel[] = tokens.has('W') ? ['WINDOW'] : ['WEB', 'MOBILE', 'WINDOW'];
      if (tokens.has('S')) channels.push('SELF_SERVICE');
      if (tokens.has('V')) channels.push('VILLAGE_AGENT');
      items.push({
        id,
        code: `SX${String(id).padStart(4, '0')}`,
        name,
        departmentId: department(departments, code).id,
        departmentCode: code,
        channels,
        levels: [
          'COUNTY',
          ...(tokens.has('T') ? ['TOWNSHIP' as const] : []),
          ...(tokens.has('V') ? ['VILLAGE' as const] : []),
        ],
        keyMatter,
        legalDays: days[0] ?? 20,
        promisedDays: days[1] ?? 10,
        highFrequency: tokens.has('H'),
        forEnterprise: tokens.has('E'),
        bankEligible: tokens.has('B'),
        crossEligible: tokens.has('X'),
        bankSince: null,
      });
    }
  }
  return items;
}

export interface Bundle {
  id: number;
  code: string;
  name: string;
  launchedOn: Day;
  /** Item ids in the order they are done. */
  itemIds: number[];
  /** Channel its cases come in through. */
  channel: Channel;
  /** Cases a year at full volume. */
  yearlyCases: number;
}

export interface Partner {
  id: number;
  name: string;
  province: string;
  bordering: boolean;
  agreedOn: Day;
  /** Item ids with the day each was agreed. */
  items: Array<{ itemId: number; agreedOn: Day }>;
}

export interface Catalogue {
  items: Item[];
  bundles: Bundle[];
  partners: Partner[];
  /** Bank-branch items (bankSince set). */
  bankItems: Item[];
}

/** The day the first bank branches opened (政银合作 from May 2022). */
export const BANK_LAUNCH: Day = '2022-05-09';

const PARTNERS = [
  { name: '邻省甲县', province: '邻甲省', bordering: true, agreedOn: '2021-05-18', share: 0.62 },
  { name: '邻省乙县', province: '邻乙省', bordering: true, agreedOn: '2021-09-06', share: 0.55 },
  { name: '邻省丙县', province: '邻甲省', bordering: true, agreedOn: '2022-04-12', share: 0.66 },
  { name: '邻省丁市', province: '邻乙省', bordering: false, agreedOn: '2022-09-20', share: 0.38 },
  { name: '邻省戊县', province: '邻乙省', bordering: true, agreedOn: '2023-04-10', share: 0.5 },
] as const;

const BUNDLES: ReadonlyArray<{
  code: string;
  name: string;
  description: string;
  launchedOn: Day;
  channel: Channel;
  yearlyCases: number;
  items: string[];
}> = [
  {
    code: 'YJS-QYKB',
    name: '企业开办一件事',
    description: '营业执照、印章刻制、发票申领、社保和公积金登记一次办结。',
    launchedOn: '2020-06-01',
    channel: 'WEB',
    yearlyCases: 1_150,
    items: [
      '有限责任公司设立登记',
      '印章刻制备案',
      '税务登记信息确认',
      '发票领用',
      '单位参保登记',
      '住房公积金单位缴存登记',
    ],
  },
  {
    code: 'YJS-CS',
    name: '出生一件事',
    description: '出生医学证明、户口登记、医保参保和社保卡申领联办。',
    launchedOn: '2021-03-01',
    channel: 'MOBILE',
    yearlyCases: 1_820,
    items: ['出生医学证明签发', '出生登记', '城乡居民医保参保登记', '社会保障卡申领'],
  },
  {
    code: 'YJS-QYZX',
    name: '企业注销一件事',
    description: '清税、社保和公积金注销、营业执照注销联办。',
    launchedOn: '2021-09-01',
    channel: 'WEB',
    yearlyCases: 420,
    items: ['清税证明开具', '单位参保注销', '有限责任公司注销登记'],
  },
  {
    code: 'YJS-TX',
    name: '退休一件事',
    description: '退休申请、养老金核定和医保待遇变更联办。',
    launchedOn: '2022-03-01',
    channel: 'WINDOW',
    yearlyCases: 1_480,
    items: ['职工正常退休申请', '医保参保信息变更', '住房公积金提取（退休）'],
  },
  {
    code: 'YJS-ESF',
    name: '二手房转移登记及水电气联动过户一件事',
    description: '不动产转移登记与水、电、气过户一次申请。',
    launchedOn: '2022-06-01',
    channel: 'WINDOW',
    yearlyCases: 900,
    items: ['二手房转移登记', '存量房交易税费申报', '用水过户', '用电过户', '用气过户'],
  },
  {
    code: 'YJS-SKYM',
    name: '水库移民搬迁一件事',
    description: '水库移民搬迁后的不动产登记、就业创业、社保医保和子女转学入学，在水库移民专窗一次办理。',
    launchedOn: '2023-03-15',
    channel: 'WINDOW',
    yearlyCases: 640,
    items: [
      '房屋所有权首次登记',
      '就业登记',
      '城乡居民基本养老保险参保登记',
      '城乡居民医保参保登记',
      '义务教育阶段转学',
    ],
  },
];

/** The bundles, their items found by name among the catalogue's items. */
export function catalogueBundles(items: readonly Item[]): Bundle[] {
  const byName = new Map(items.map((item) => [item.name, item]));
  return BUNDLES.map((spec, i) => ({
    id: i + 1,
    code: spec.code,
    name: spec.name,
    launchedOn: spec.launchedOn,
    channel: spec.channel,
    yearlyCases: spec.yearlyCases,
    itemIds: spec.items.map((name) => {
      const item = byName.get(name);
      if (!item) throw new Error(`bundle ${spec.name} names unknown item ${name}`);
      return item.id;
    }),
  }));
}

export async function seedCatalogue(ctx: SeedContext, departments: Departments): Promise<Catalogue> {
  const random = randomStream('catalogue');
  const items = catalogueItems(departments);

  // High-frequency items are agreed first, as in the real lists; the order is otherwise shuffled.
  const byPriority = (pool: Item[]) =>
    random.shuffle(pool).sort((a, b) => Number(b.highFrequency) - Number(a.highFrequency));
  const crossEligible = byPriority(items.filter((i) => i.crossEligible));
  const bankEligible = byPriority(items.filter((i) => i.bankEligible));
  if (crossEligible.length < CROSS_ITEMS)
    throw new Error(`only ${crossEligible.length} items may be handled across provinces`);
  if (bankEligible.length < BANK_ITEMS)
    throw new Error(`only ${bankEligible.length} items may be offered at bank branches`);
  const crossItems = crossEligible.slice(0, CROSS_ITEMS);
  for (const item of crossItems) item.channels.push('CROSS_PROVINCE');
  for (const item of bankEligible.slice(0, BANK_ITEMS)) {
    item.bankSince = BANK_LAUNCH;
    item.channels.push('BANK_BRANCH');
  }

  await ctx.insert(
    'ServiceItem',
    items.map((item) => ({
      id: item.id,
      code: item.code,
      name: item.name,
      departmentId: item.departmentId,
      allowedChannels: item.channels,
      allowedLevels: item.levels,
      keyMatter: item.keyMatter,
      legalDays: item.legalDays,
      promisedDays: item.promisedDays,
      highFrequency: item.highFrequency,
      active: true,
    })),
  );

  const partners = assignPartnerItems(random, crossItems);
  await ctx.insert(
    'PartnerRegion',
    partners.map((p, i) => ({
      id: p.id,
      code: `KS${String(i + 1).padStart(3, '0')}`,
      name: p.name,
      province: p.province,
      bordering: p.bordering,
      agreedOn: p.agreedOn,
    })),
  );
  await ctx.insert(
    'PartnerRegionItem',
    partners.flatMap((p) =>
      p.items.map((pi) => ({ partnerRegionId: p.id, itemId: pi.itemId, agreedOn: pi.agreedOn })),
    ),
  );

  const bundles = catalogueBundles(items);
  await ctx.insert(
    'Bundle',
    BUNDLES.map((spec, i) => ({
      id: i + 1,
      code: spec.code,
      name: spec.name,
      description: spec.description,
      launchedOn: spec.launchedOn,
    })),
  );
  await ctx.insert(
    'BundleItem',
    bundles.flatMap((b) =>
      b.itemIds.map((itemId, position) => ({ bundleId: b.id, itemId, position: position + 1 })),
    ),
  );

  return { items, bundles, partners, bankItems: items.filter((i) => i.bankSince !== null) };
}

/**
 * Gives each partner a share of the agreed items so that together they cover exactly the
 * list by the end of 2022 (every item is agreed with at least one of the 2022 partners);
 * the partner of 2023 agrees a share of the same list.
 */
function assignPartnerItems(random: ReturnType<typeof randomStream>, crossItems: Item[]): Partner[] {
  const partners: Partner[] = PARTNERS.map((p, i) => ({
    id: i + 1,
    name: p.name,
    province: p.province,
    bordering: p.bordering,
    agreedOn: p.agreedOn,
    items: [],
  }));
  const active2022 = partners.filter((p) => p.agreedOn <= '2022-12-31');
  const agreed = new Map<number, Set<number>>(partners.map((p) => [p.id, new Set()]));
  crossItems.forEach((item, i) => {
    const home = active2022[i % active2022.length] as Partner;
    agreed.get(home.id)?.add(item.id);
  });
  partners.forEach((partner, i) => {
    const share = PARTNERS[i]?.share ?? 0.5;
    const set = agreed.get(partner.id) as Set<number>;
    for (const item of crossItems) if (random.chance(share)) set.add(item.id);
    for (const itemId of set) partner.items.push({ itemId, agreedOn: partner.agreedOn });
  });
  return partners;
}
