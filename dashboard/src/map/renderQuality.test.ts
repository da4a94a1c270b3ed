import { describe, expect, it } from 'vitest';
import { devicePixelsFor, isSoftwareRenderer, SOFTWARE_PIXEL_RATIO } from './renderQuality';

describe('render quality', () => {
  it.each([
    ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', true],
    ['Google SwiftShader', true],
    ['llvmpipe (LLVM 15.0.6, 256 bits)', true],
    ['Microsoft Basic Render Driver', true],
    ['ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)', false],
    ['ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)', false],
    ['Apple M2', false],
    ['', false],
    [undefined, false],
  ])('%s → software %s', (renderer, software) => {
    expect(isSoftwareRenderer(renderer)).toBe(software);
    expect(devicePixelsFor(renderer)).toBe(software ? SOFTWARE_PIXEL_RATIO : true);
  });
});
