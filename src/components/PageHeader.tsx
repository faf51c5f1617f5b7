import Breadcrumbs from '@mui/material/Breadcrumbs';
import Link from '@mui/material/Link';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { Link as RouterLink } from 'react-router';

interface PageHeaderProps {
  /** The screen's one level-1 heading. */
  title: ReactNode;
  /** A screen inside another: its parent's link, then this screen's own short name. */
  parent?: { label: string; to: string; current: string };
  /** Beside the heading, e.g. how many rows match (announced politely by its owner). */
  aside?: ReactNode;
  /** Under the heading: what the screen is for. */
  description?: ReactNode;
}

/** The top of every screen, in one style: breadcrumb, heading, a figure beside it, a line under it. */
export function PageHeader({ title, parent, aside, description }: PageHeaderProps) {
  return (
    <>
      {parent ? (
        <Breadcrumbs aria-label="Breadcrumb">
          <Link component={RouterLink} to={parent.to}>
            {parent.label}
          </Link>
          <Typography color="text.primary">{parent.current}</Typography>
        </Breadcrumbs>
      ) : null}
      <div>
        <Stack
          direction="row"
          spacing={2}
          useFlexGap
          sx={{ alignItems: 'baseline', flexWrap: 'wrap' }}
        >
          <Typography variant="h5" component="h1">
            {title}
          </Typography>
          {aside}
        </Stack>
        {description ? <Typography color="text.secondary">{description}</Typography> : null}
      </div>
    </>
  );
}
