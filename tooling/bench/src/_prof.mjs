import { generateData } from './data.js';
import { projectExperiment } from './project.js';
const data = generateData(231);
for (let i = 0; i < 2; i++) { const r = await projectExperiment('wasm32', data, { seed: 231 }); console.log(r.seconds ?? r.s ?? JSON.stringify(r).slice(0, 200)); }
