// The "mui4" generation: @material-ui/core 4.12 (+ lab for Alert) on React 17, as Celigo's
// integrator.io UI was until 2023 (@material-ui/core 4.11 + React 16.14). The build aliases
// react / react-dom to react17 / react-dom17 for this bundle (../../build.mjs).
// Same names as ./v5.js: the app's sources import from `celigo-ui` and get one or the other.
import { render } from 'react-dom';
import { createTheme } from '@material-ui/core/styles';

export { ThemeProvider } from '@material-ui/core/styles';
export { default as CssBaseline } from '@material-ui/core/CssBaseline';
export { default as Accordion } from '@material-ui/core/Accordion';
export { default as AccordionSummary } from '@material-ui/core/AccordionSummary';
export { default as AccordionDetails } from '@material-ui/core/AccordionDetails';
export { default as Alert } from '@material-ui/lab/Alert';
export { default as AlertTitle } from '@material-ui/lab/AlertTitle';
export { default as AppBar } from '@material-ui/core/AppBar';
export { default as Avatar } from '@material-ui/core/Avatar';
export { default as Breadcrumbs } from '@material-ui/core/Breadcrumbs';
export { default as Button } from '@material-ui/core/Button';
export { default as Card } from '@material-ui/core/Card';
export { default as CardActions } from '@material-ui/core/CardActions';
export { default as CardContent } from '@material-ui/core/CardContent';
export { default as Chip } from '@material-ui/core/Chip';
export { default as CircularProgress } from '@material-ui/core/CircularProgress';
export { default as Dialog } from '@material-ui/core/Dialog';
export { default as DialogActions } from '@material-ui/core/DialogActions';
export { default as DialogContent } from '@material-ui/core/DialogContent';
export { default as DialogContentText } from '@material-ui/core/DialogContentText';
export { default as DialogTitle } from '@material-ui/core/DialogTitle';
export { default as Drawer } from '@material-ui/core/Drawer';
export { default as FormHelperText } from '@material-ui/core/FormHelperText';
export { default as FormLabel } from '@material-ui/core/FormLabel';
export { default as IconButton } from '@material-ui/core/IconButton';
export { default as Input } from '@material-ui/core/Input';
export { default as Link } from '@material-ui/core/Link';
export { default as List } from '@material-ui/core/List';
export { default as ListItem } from '@material-ui/core/ListItem';
export { default as ListItemIcon } from '@material-ui/core/ListItemIcon';
export { default as ListItemText } from '@material-ui/core/ListItemText';
export { default as ListSubheader } from '@material-ui/core/ListSubheader';
export { default as Menu } from '@material-ui/core/Menu';
export { default as MenuItem } from '@material-ui/core/MenuItem';
export { default as Paper } from '@material-ui/core/Paper';
export { default as Popover } from '@material-ui/core/Popover';
export { default as Select } from '@material-ui/core/Select';
export { default as Snackbar } from '@material-ui/core/Snackbar';
export { default as Tab } from '@material-ui/core/Tab';
export { default as Table } from '@material-ui/core/Table';
export { default as TableBody } from '@material-ui/core/TableBody';
export { default as TableCell } from '@material-ui/core/TableCell';
export { default as TableHead } from '@material-ui/core/TableHead';
export { default as TableRow } from '@material-ui/core/TableRow';
export { default as Tabs } from '@material-ui/core/Tabs';
export { default as TextField } from '@material-ui/core/TextField';
export { default as Toolbar } from '@material-ui/core/Toolbar';
export { default as Tooltip } from '@material-ui/core/Tooltip';
export { default as Typography } from '@material-ui/core/Typography';

export { default as AddIcon } from '@material-ui/icons/esm/Add';
export { default as AppsIcon } from '@material-ui/icons/esm/Apps';
export { default as BuildOutlinedIcon } from '@material-ui/icons/esm/BuildOutlined';
export { default as CloseIcon } from '@material-ui/icons/esm/Close';
export { default as EditOutlinedIcon } from '@material-ui/icons/esm/EditOutlined';
export { default as ExpandMoreIcon } from '@material-ui/icons/esm/ExpandMore';
export { default as HelpOutlineIcon } from '@material-ui/icons/esm/HelpOutline';
export { default as HomeOutlinedIcon } from '@material-ui/icons/esm/HomeOutlined';
export { default as MoreHorizIcon } from '@material-ui/icons/esm/MoreHoriz';
export { default as NotificationsNoneIcon } from '@material-ui/icons/esm/NotificationsNone';
export { default as SettingsOutlinedIcon } from '@material-ui/icons/esm/SettingsOutlined';
export { default as StorageOutlinedIcon } from '@material-ui/icons/esm/StorageOutlined';
export { default as StorefrontOutlinedIcon } from '@material-ui/icons/esm/StorefrontOutlined';

export const UI_GENERATION = 'mui4';

export function mount(element, container) {
  render(element, container);
}

// ASSUMED: Celigo's palette (blue primary, light grey-blue page background, dark navy side bar);
// no public source gives the exact values. Shared with ./v5.js through ./palette.js.
import { PALETTE, TYPOGRAPHY } from './palette.js';

export const theme = createTheme({
  palette: PALETTE,
  typography: TYPOGRAPHY,
  shape: { borderRadius: 4 },
  props: { MuiButton: { disableElevation: true } },
});
