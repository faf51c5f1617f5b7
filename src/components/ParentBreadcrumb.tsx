import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { Link as RouterLink } from 'react-router';

/**
 * Above a screen inside another: the parent's link (after the links of its own parents, when
 * it has some), then this screen's own short name.
 */
export function ParentBreadcrumb({
  label,
  to,
  current,
  parents = [],
}: {
  label: string;
  to: string;
  current: string;
  parents?: readonly { label: string; to: string }[];
}) {
  return (
    <Breadcrumbs aria-label="Breadcrumb">
      {parents.map((parent) => (
        <Link key={parent.to} component={RouterLink} to={parent.to}>
          {parent.label}
        </Link>
      ))}
      <Link component={RouterLink} to={to}>
        {label}
      </Link>
      <Typography color="text.primary">{current}</Typography>
    </Breadcrumbs>
  );
}
