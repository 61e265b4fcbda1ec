import { defaultTheme, type RaThemeOptions } from 'react-admin';

/**
 * react-admin's theme with colors that read at WCAG AA (4.5:1) where white text sits on them: its app bar
 * blue (#2196f3) gave white 3.1:1 and Material's orange (#ed6c02) 3.1:1 on chips and buttons.
 */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    secondary: { light: '#5e92f3', main: '#1565c0', dark: '#003c8f', contrastText: '#fff' }, // white 5.8:1
    warning: { light: '#e65100', main: '#b35300', dark: '#7f3b00', contrastText: '#fff' }, // white 5.1:1
    info: { light: '#0277bd', main: '#01579b', dark: '#002f6c', contrastText: '#fff' }, // white 7.4:1
  },
};
