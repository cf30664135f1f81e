// Every connected entity, grouped by area (room), areas in name order and the ones in no area last;
// within an area, by name.
import { useId } from 'preact/hooks';
import { td } from '../strings';
import { homeEntities, type PageEntity } from '../../../state/home-devices';
import { EntityRow } from '../entity-row';

export function groupByArea(entities: readonly PageEntity[]): { area: string | undefined; entities: PageEntity[] }[] {
  const groups = new Map<string | undefined, PageEntity[]>();
  for (const entity of entities) {
    const area = entity.area?.trim() || undefined;
    const list = groups.get(area);
    if (list) list.push(entity);
    else groups.set(area, [entity]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === undefined ? 1 : b === undefined ? -1 : a.localeCompare(b)))
    .map(([area, list]) => ({ area, entities: list.sort((x, y) => x.name.localeCompare(y.name)) }));
}

export function DeviceGroups() {
  const groups = groupByArea(homeEntities.value);
  return (
    <section class="device-groups" aria-labelledby="devices-rooms">
      <h2 id="devices-rooms">{td('devices.rooms')}</h2>
      {groups.length === 0 ? (
        <p class="empty-state">{td('devices.none')}</p>
      ) : (
        groups.map(({ area, entities }) => <AreaGroup key={area ?? ''} area={area} entities={entities} />)
      )}
    </section>
  );
}

function AreaGroup({ area, entities }: { area: string | undefined; entities: PageEntity[] }) {
  // An id from the area's name could hold spaces, which aria-labelledby reads as a list of ids.
  const id = useId();
  return (
    <section class="card area-group" aria-labelledby={id}>
      <h3 id={id}>{area ?? td('devices.noArea')}</h3>
      <ul class="entity-list">
        {entities.map((entity) => (
          <EntityRow key={entity.id} entity={entity} />
        ))}
      </ul>
    </section>
  );
}
