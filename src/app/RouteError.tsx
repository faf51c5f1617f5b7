import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ErrorAlert } from '@/components/ErrorAlert';

/** A screen's chunk failed to load: a deploy replaced it, or the network dropped. */
function isChunkFailure(error: unknown): boolean {
  return (
    error instanceof Error &&
    /dynamically imported module|Loading chunk|Importing a module script failed/i.test(
      error.message,
    )
  );
}

function RouteErrorView({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const navigate = useNavigate();
  const chunkFailure = isChunkFailure(error);
  const shown = chunkFailure
    ? new Error(
        'Part of the console could not be loaded, perhaps because a newer version was deployed or the network dropped. Retry to load it again.',
      )
    : error;
  return (
    <Box sx={{ p: 3 }}>
      <Stack spacing={2} sx={{ maxWidth: 720 }}>
        <Typography variant="h5" component="h1">
          This page could not be shown
        </Typography>
        <ErrorAlert
          title="Something went wrong on this page"
          error={shown}
          onRetry={() => {
            // A failed import is remembered by the module loader: only a reload retries it.
            if (chunkFailure) window.location.reload();
            else onRetry();
          }}
        />
        <div>
          <Button onClick={() => void navigate('/devices')}>Go to Devices</Button>
        </div>
      </Stack>
    </Box>
  );
}

interface BoundaryProps {
  children: ReactNode;
  resetKey: string;
}
interface BoundaryState {
  error: unknown;
  failedAt: string | null;
}

class Boundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { error: null, failedAt: null };

  static getDerivedStateFromError(error: unknown): Partial<BoundaryState> {
    return { error };
  }

  static getDerivedStateFromProps(
    props: BoundaryProps,
    state: BoundaryState,
  ): Partial<BoundaryState> | null {
    // Going elsewhere leaves the failure behind.
    if (state.failedAt !== null && state.failedAt !== props.resetKey) {
      return { error: null, failedAt: null };
    }
    return null;
  }

  override componentDidCatch(_error: unknown, _info: ErrorInfo): void {
    this.setState({ failedAt: this.props.resetKey });
  }

  override render() {
    if (this.state.failedAt !== null || this.state.error !== null) {
      return (
        <RouteErrorView
          error={this.state.error}
          onRetry={() => this.setState({ error: null, failedAt: null })}
        />
      );
    }
    return this.props.children;
  }
}

/**
 * The error boundary of each screen: what went wrong, Retry, and a way to another screen;
 * the rest of the console keeps working. It resets when the operator goes elsewhere.
 */
export function RouteErrorBoundary({ children }: { children: ReactNode }) {
  const location = useLocation();
  return <Boundary resetKey={location.pathname}>{children}</Boundary>;
}
