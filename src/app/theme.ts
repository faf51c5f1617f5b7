import { createTheme } from '@mui/material/styles';

/**
 * Light and dark schemes as CSS variables; the system preference picks one unless the
 * embedding portal asks for another. No colour is stored (a cross-site frame has no storage).
 */
export const theme = createTheme({
  cssVariables: { colorSchemeSelector: 'class' },
  colorSchemes: {
    light: { palette: { primary: { main: '#005a9c' } } },
    dark: { palette: { primary: { main: '#7cc0ff' } } },
  },
  shape: { borderRadius: 6 },
  components: {
    MuiTableCell: { styleOverrides: { root: { paddingTop: 6, paddingBottom: 6 } } },
    // On a phone every dialog fills the screen.
    MuiDialog: {
      styleOverrides: {
        paper: {
          '@media (max-width: 599.95px)': {
            margin: 0,
            width: '100%',
            maxWidth: '100%',
            height: '100%',
            maxHeight: '100%',
            borderRadius: 0,
          },
        },
      },
    },
  },
});
