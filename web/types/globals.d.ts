// The dashboard's globals: Apache ECharts, loaded by index.html as a script (vendor/echarts.min.js). Its own API is not
// checked here; what this check is for is the pages' contract with the Wellhouse API (types/api-types.d.ts).
interface Window {
  echarts: any;
}
