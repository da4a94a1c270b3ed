import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { fromFitHou, fromHealth, fromRealEstate2026, joinAddress, mergePoi } from './poiSources';

const fc = (features: Array<[Record<string, unknown>, number, number]>): FeatureCollection => ({
  type: 'FeatureCollection',
  features: features.map(
    ([properties, lng, lat]): Feature => ({
      type: 'Feature',
      properties,
      geometry: { type: 'Point', coordinates: [lng, lat] },
    }),
  ),
});

/** The 2025-11 file's shape (hanoi_poi_osm_2025-11_points.geojson). */
const fitHou = (osm: string, category: string, name: string, extra: Record<string, unknown> = {}) => {
  const [osm_type, id] = osm.split('/');
  return { category, name, name_is_fallback: false, osm_type, osm_id: Number(id), ...extra };
};
/** The health file's flat OSM tags (hanoi_health_facilities_osm_2025-10.geojson). */
const health = (osm: string, amenity: string, name: string, extra: Record<string, unknown> = {}) => {
  const [element, id] = osm.split('/');
  return { element, id: Number(id), amenity, name, ...extra };
};
/** The 2026-06 points (osmid is a string there). */
const estate = (
  osm: string,
  category: string,
  amenity: string,
  name: string | null,
  extra: Record<string, unknown> = {},
) => {
  const [element_type, osmid] = osm.split('/');
  return { element_type, osmid, category, amenity, name, ...extra };
};

describe('POI sources → pack layer', () => {
  // [source category/amenity, name, expected kind, expected category]
  it.each([
    ['kindergarten', 'Trường Mầm non Hoa Sen', 'kindergarten', 'education'],
    ['school', 'Trường THCS Lê Lợi', 'school', 'education'],
    ['university', 'Đại học Bách khoa Hà Nội', 'university', 'education'],
    ['hospital', 'Bệnh viện Bạch Mai', 'hospital', 'health'],
    ['clinic', 'Phòng khám Đa khoa Medlatec', 'clinic', 'health'],
    ['clinic', 'Trạm y tế phường Trung Hòa', 'health_station', 'health'],
    ['hospital', 'TRẠM Y TẾ xã Vân Canh', 'health_station', 'health'],
    ['police', 'Công an phường Hàng Trống', 'police', 'police'],
    ['marketplace', 'Chợ Đồng Xuân', 'market', 'market'],
    ['community_centre', 'Nhà văn hóa tổ dân phố 5', 'community_house', 'community_house'],
  ])('maps the 2025-11 category %s (%s) to kind %s in layer %s', (category, name, kind, layer) => {
    const { features } = mergePoi([fromFitHou(fc([[fitHou('node/1', category, name), 105.85, 21.03]]))]);
    expect(features[0].properties).toEqual({ osm: 'node/1', category: layer, kind, name });
  });

  it.each([
    ['hospital', 'hospital'],
    ['clinic', 'clinic'],
    ['doctors', 'clinic'],
  ])('maps the health file amenity %s to %s', (amenity, kind) => {
    const { features } = mergePoi([fromHealth(fc([[health('way/2', amenity, 'Nha khoa Kim'), 105.8, 21]]))]);
    expect(features[0].properties).toMatchObject({ osm: 'way/2', category: 'health', kind });
  });

  it('maps the 2026-06 layers: high schools, universities and colleges, hospitals', () => {
    const { features } = mergePoi([
      fromRealEstate2026(
        fc([
          [estate('way/3', 'high_schools', 'school', 'Trường THPT Mỹ Đức A'), 105.74, 20.68],
          [estate('way/4', 'universities', 'university', 'Đại học Lâm nghiệp'), 105.56, 20.91],
          [estate('relation/5', 'universities', 'college', 'Cao đẳng Sư phạm Hà Tây'), 105.77, 20.97],
          [estate('node/6', 'hospitals', 'hospital', 'Bệnh viện Đa khoa Ba Vì'), 105.42, 21.2],
        ]),
      ),
    ]);
    expect(features.map((f) => [f.properties.osm, f.properties.kind])).toEqual([
      ['node/6', 'hospital'],
      ['relation/5', 'college'],
      ['way/3', 'school'],
      ['way/4', 'university'],
    ]);
  });

  it('shows names the sources generated as unnamed, never as names', () => {
    const { features, stats } = mergePoi([
      fromFitHou(
        fc([
          [fitHou('node/10', 'school', 'Trường học #1188890507', { name_is_fallback: true }), 105.8, 21],
          [fitHou('node/11', 'marketplace', 'Chợ tại Phố Kiều Mai', { name_is_fallback: true }), 105.8, 21],
        ]),
      ),
      fromHealth(
        fc([
          [health('node/12', 'clinic', 'Không rõ'), 105.8, 21],
          [health('node/13', 'hospital', 'KHÔNG RÕ'), 105.8, 21],
        ]),
      ),
      fromRealEstate2026(fc([[estate('way/14', 'hospitals', 'hospital', null), 105.8, 21]])),
    ]);
    expect(features.map((f) => [f.properties.osm, f.properties.name])).toEqual([
      ['node/10', null],
      ['node/11', null],
      ['node/12', null],
      ['node/13', null],
      ['way/14', null],
    ]);
    expect(stats.unnamed).toBe(5);
  });

  it('de-duplicates the overlap on OSM type and id: the first source wins, later ones fill its gaps', () => {
    const { features, stats } = mergePoi([
      fromFitHou(
        fc([
          [fitHou('way/20', 'clinic', 'Phòng khám An Việt', { addr_street: 'Phố Huế' }), 105.851, 21.011],
          [fitHou('node/21', 'university', 'Đại học #1', { name_is_fallback: true }), 105.9, 21.1],
          // Same id, other type: another OSM object.
          [fitHou('node/20', 'police', 'Công an phường Bạch Đằng'), 105.86, 21.01],
        ]),
      ),
      fromHealth(
        fc([
          [
            health('way/20', 'hospital', 'Bệnh viện An Việt', {
              phone: '+84 24 3974 0000',
              website: 'https://anviet.example.vn/',
              'addr:street': 'Phố Huế khác',
            }),
            105.852,
            21.012,
          ],
        ]),
      ),
      fromRealEstate2026(
        fc([
          [estate('node/21', 'universities', 'university', 'Đại học Phenikaa'), 105.75, 20.96],
          [estate('way/20', 'hospitals', 'hospital', 'Bệnh viện An Việt 2026'), 105.853, 21.013],
        ]),
      ),
    ]);
    expect(stats).toMatchObject({ read: 6, duplicates: 3, kept: 3, namesFromLaterSource: 1 });
    expect(features).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [105.86, 21.01] },
        properties: { osm: 'node/20', category: 'police', kind: 'police', name: 'Công an phường Bạch Đằng' },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [105.9, 21.1] },
        properties: { osm: 'node/21', category: 'education', kind: 'university', name: 'Đại học Phenikaa' },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [105.851, 21.011] },
        properties: {
          osm: 'way/20',
          category: 'health',
          kind: 'clinic',
          name: 'Phòng khám An Việt',
          address: 'Phố Huế',
          phone: '+84 24 3974 0000',
          website: 'https://anviet.example.vn/',
        },
      },
    ]);
  });

  it('keeps only http(s) websites', () => {
    const { features } = mergePoi([
      fromFitHou(
        fc([
          [fitHou('node/30', 'school', 'A', { website: 'javascript:alert(1)' }), 105.8, 21],
          [fitHou('node/31', 'school', 'B', { website: 'www.example.vn' }), 105.8, 21],
          [fitHou('node/32', 'school', 'C', { website: 'HTTP://example.vn/a b' }), 105.8, 21],
        ]),
      ),
    ]);
    expect(features.map((f) => f.properties.website)).toEqual([undefined, undefined, 'http://example.vn/a%20b']);
  });

  it('drops points outside the city and counts them', () => {
    const { features, stats } = mergePoi(
      [
        fromFitHou(
          fc([
            [fitHou('node/40', 'school', 'In', {}), 105.8, 21],
            [fitHou('node/41', 'school', 'Out'), 106.2, 21],
          ]),
        ),
      ],
      (lng) => lng < 106,
    );
    expect(features.map((f) => f.properties.osm)).toEqual(['node/40']);
    expect(stats.outside).toBe(1);
  });

  it.each([
    [['12', 'Phố Huế', 'Hai Bà Trưng', 'Hà Nội'], '12 Phố Huế, Hai Bà Trưng, Hà Nội'],
    [[null, 'Đường An Thượng', null, null], 'Đường An Thượng'],
    [[null, null, 'Chương Mỹ', 'Hà Nội'], 'Chương Mỹ, Hà Nội'],
    [[null, null, 'Hà Nội', 'Ha Noi'], 'Hà Nội'],
    [[' ', null, null, null], null],
  ])('joins the address parts %j', (parts, expected) => {
    const [house, street, ...areas] = parts;
    expect(joinAddress(house, street, ...areas)).toBe(expected);
  });
});
