import '@fontsource-variable/noto-sans-sc';
import '@fontsource/rajdhani/500.css';
import '@fontsource/rajdhani/700.css';
import './styles.css';
import { useTimestamp } from '@vueuse/core';
import { createApp } from 'vue';
import App from './App.vue';
import { chartInitOptions, chartInitOptionsKey } from './components/charts/style.ts';
import { installScreen } from './composables/useScreenRuntime.ts';
import { parseScreenConfig } from './config.ts';
import { createScreenClient, graphqlWsUrl } from './graphql/client.ts';
import { screenToken } from './graphql/token.ts';

const screen = createScreenClient({ url: graphqlWsUrl(location), token: screenToken });
const app = createApp(App, { signedIn: screenToken !== null });
installScreen(app, screen, {
  config: parseScreenConfig(location.search),
  now: useTimestamp({ interval: 1000 }),
});
app.provide(chartInitOptionsKey, chartInitOptions);
app.mount('#app');
