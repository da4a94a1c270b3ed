/** Vietnamese → ASCII ("Đống Đa" → "Dong Da"); đ/Đ are letters of their own, not d + a mark. */
export function toAscii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

export function isAscii(s: string): boolean {
  return /^[\x20-\x7e]*$/.test(s);
}

/** "Ba Đình" + "Quận" → "Ba Dinh District"; Sơn Tây, the one thị xã, is a town. */
export function districtNameEn(shortName: string, type: string): string {
  return `${toAscii(shortName)} ${type === 'Thị xã' ? 'Town' : 'District'}`;
}

/**
 * OSM's name:en when it is plain English; some are tagged with diacritics
 * ("Phú Xuyên Commune"), and those, like missing ones, are rebuilt from the ASCII name.
 */
export function communeNameEn(osmNameEn: string | undefined, asciiName: string, type: string): string {
  if (osmNameEn && isAscii(osmNameEn)) return osmNameEn;
  return `${asciiName} ${type === 'Phường' ? 'Ward' : 'Commune'}`;
}
