/**
 * How a device is named to an operator everywhere (checkboxes, buttons, dialog lists):
 * "AXIS P3227-LV (172.26.180.2)", or with a given name "Entrance camera (AXIS P1465-LE, 172.26.180.40)".
 */
export function deviceLabel(device: { name: string | null; model: string; ip: string }): string {
  return device.name
    ? `${device.name} (${device.model}, ${device.ip})`
    : `${device.model} (${device.ip})`;
}
