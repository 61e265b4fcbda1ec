import { defaultTheme, type RaThemeOptions } from 'react-admin';

/**
 * react-admin's theme with colors that read at WCAG AA (4.5:1) where white text sits on them: its app bar
 * blue (#2196f3) gave white 3.1:1, Material's orange (#ed6c02) 3.1:1 on chips and buttons, and its blue (#1976d2)
 * as text on the page's background 4.4:1.
 */
export const theme: RaThemeOptions = {
  ...defaultTheme,
  palette: {
    ...defaultTheme.palette,
    primary: { light: '#42a5f5', main: '#1565c0', dark: '#0d47a1', contrastText: '#fff' }, // 5.5:1 on the page's #fafafb
    secondary: { light: '#5e92f3', main: '#1565c0', dark: '#003c8f', contrastText: '#fff' }, // white 5.8:1
    warning: { light: '#e65100', main: '#b35300', dark: '#7f3b00', contrastText: '#fff' }, // white 5.1:1
    info: { light: '#0277bd', main: '#01579b', dark: '#002f6c', contrastText: '#fff' }, // white 7.4:1
  },
  components: {
    ...defaultTheme.components,
    // Progress indicators are role="progressbar", which needs a name; react-admin's own (the app bar's, while
    // anything loads) has none. Ours that say what is loading pass their own.
    MuiCircularProgress: { defaultProps: { 'aria-label': 'Loading' } },
    MuiLinearProgress: { defaultProps: { 'aria-label': 'Loading' } },
    // A checkbox named by aria-label (react-admin's "Select this row") names its input, not the span around it:
    // axe counts an unnamed input (critical) and aria-label on a span without a role (serious).
    MuiCheckbox: {
      defaultProps: {
        slotProps: {
          root: { 'aria-label': undefined },
          input: (ownerState: { 'aria-label'?: string }) => ({ 'aria-label': ownerState['aria-label'] }),
        },
      },
    },
  },
};
