import urql from '@urql/vue';
import { createApp } from 'vue';
import App from './App.vue';
import { client } from './graphql/client.ts';

createApp(App).use(urql, client).mount('#app');
