// The catalogue of government services (政务服务事项目录): items, bundles and suggestions.
import './records.ts';
