import { loadCityPack } from '../../seeds/packs';
import { writeSyntheticCsv } from './syntheticCsv';
const pack = await loadCityPack('hanoi');
const t0 = performance.now();
await writeSyntheticCsv('/tmp/imp/big.csv', Number(process.argv[2]), pack, { until: new Date(), offsetMs: 7 * 3600e3 });
console.log('gen', performance.now() - t0);
