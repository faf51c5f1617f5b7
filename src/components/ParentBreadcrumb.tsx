import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';

/** Above a screen inside another: the parent's link, then this screen's own short name. */
export function ParentBreadcrumb({
  label,
  to,
  current,
}: {
  label: string;
  to: string;
  current: string;
}) {
  return (
    <Breadcrumbs aria-label="Breadcrumb">
      <Link component={RouterLink} to={to}>
        {label}
      </Link>
      <Typography color="text.primary">{current}</Typography>
    </Breadcrumbs>
  );
}
