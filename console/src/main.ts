import 'element-plus/dist/index.css';
import './styles.css';
import './desk.css';
import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';

createApp(App).use(router).mount('#app');
