import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it } from 'vitest';
import { currentFleet, server, testApiRoot } from '../../mocks/node';
import { apiRequest } from '@/api/client';
import { deviceEndpoints } from '@/api/devices';
import {
  resetSimulation,
  SIMULATED_FLEET_HEADER,
  SIMULATED_STORAGE_HEADER,
} from '@/api/simulation';
import { siteEndpoints } from '@/api/sites';
import { SimulationBadge, SimulationStorageNote } from './Simulation';

afterEach(() => resetSimulation());

describe('the simulated fleet', () => {
  it('is named in the app bar once the built-in fleet answers', async () => {
    render(<SimulationBadge />);
    expect(screen.queryByText(/Simulated fleet/)).not.toBeInTheDocument();
    await apiRequest(deviceEndpoints.facets, {});
    const badge = await screen.findByTitle(
      /^The built-in fleet simulator answers \(scenario “demo”\)/,
    );
    expect(badge).toHaveTextContent('Simulated fleet · demo');
  });

  it('is not claimed for a real backend’s answers', async () => {
    server.use(
      http.get(`${testApiRoot}devices/facets`, () => HttpResponse.json({ total: 0, models: [] })),
    );
    render(<SimulationBadge />);
    await apiRequest(deviceEndpoints.facets, {});
    expect(screen.queryByText(/Simulated fleet/)).not.toBeInTheDocument();
  });

  it('says once, without blocking, that changes are kept for this tab when storage is refused', async () => {
    // The browser fleet marks its answers so while storage is refused (see mocks/transport.ts).
    const marks = { [SIMULATED_FLEET_HEADER]: 'demo', [SIMULATED_STORAGE_HEADER]: 'tab' };
    server.use(
      http.get(`${testApiRoot}device-types`, () =>
        HttpResponse.json(currentFleet().siteStats(), { headers: marks }),
      ),
      http.post(`${testApiRoot}device-types/:type/updates`, async ({ request }) => {
        const { siteNumber } = (await request.json()) as { siteNumber: number };
        return HttpResponse.json(currentFleet().updateSite('Nord GSM', siteNumber), {
          status: 202,
          headers: marks,
        });
      }),
    );
    render(<SimulationStorageNote />);
    await apiRequest(siteEndpoints.stats, {});
    // A read is no change: nothing to say yet.
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    await apiRequest(siteEndpoints.updateSite, {
      params: { deviceType: 'Nord GSM' },
      body: { siteNumber: 1011 },
    });
    const note = await screen.findByRole('status');
    expect(note).toHaveTextContent('kept for this tab only');
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('status')).not.toBeInTheDocument());
    await apiRequest(siteEndpoints.updateSite, {
      params: { deviceType: 'Nord GSM' },
      body: { siteNumber: 1012 },
    });
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('marks every answer of the built-in fleet, refusals included', async () => {
    const answer = await fetch(`${testApiRoot}device-types/Nowhere/sites`);
    expect(answer.status).toBe(404);
    expect(answer.headers.get(SIMULATED_FLEET_HEADER)).toBe('demo');
  });
});
