import { webDarkTheme, webLightTheme, type Theme } from '@fluentui/react-components';

/** Relative luminance of a `#rgb`/`#rrggbb` colour, or null when it is not one. */
function luminance(colour: string): number | null {
  const hex = colour.trim().replace(/^#/, '');
  const full = hex.length === 3 ? hex.replace(/./g, (c) => c + c) : hex;
  if (!/^[0-9a-f]{6}$/i.test(full)) return null;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const channel = parseInt(full.slice(i, i + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** Dark Office themes (dark background) get Fluent's dark theme; everything else, light. */
function isDarkOfficeTheme(theme: { bodyBackgroundColor: string } | null): boolean {
  if (!theme) return false;
  const value = luminance(theme.bodyBackgroundColor);
  return value !== null && value < 0.4;
}

export function themeForOffice(theme: { bodyBackgroundColor: string } | null): Theme {
  return isDarkOfficeTheme(theme) ? webDarkTheme : webLightTheme;
}
