import { type FormEvent, useEffect, useState } from 'react';
import { toQuery } from '../../api/client';
import { useApi } from '../../api/use-api';
import { useRouter } from '../../app/router';
import { useSignedIn } from '../../auth/session';
import { ErrorSummary, summaryOf, TextField } from '../../components/forms';
import { LoadState, Pagination, Tag } from '../../components/misc';
import { Page } from '../../components/Page';
import {
  capacityText,
  DIRECTORY_PAGE_SIZE,
  directoryApiQuery,
  directoryFilterErrors,
  type DirectoryFilters,
  directoryFiltersFromSearch,
  directoryFiltersToSearch,
} from './directory-search';

interface SearchHit {
  service: {
    id: string;
    name: string;
    organizationName: string;
    description?: string;
    minimumAge?: number;
    maximumAge?: number;
    eligibilityDescription?: string;
    referral: { route: string | null; details?: string };
    capacity: { accepting: string; placesLeft: number | null; available: boolean; waitingTimeDays?: number };
    stale: boolean;
  };
  distanceKm?: number;
  eligible: boolean;
}

interface SearchResult {
  items: SearchHit[];
  total: number;
  page: number;
  perPage: number;
  origin?: { postcode: string; resolution: string };
}

const ROUTE_LABELS: Record<string, string> = {
  in_platform: 'Through Linkway',
  email: 'By email',
  phone: 'By phone',
  own_form: 'On their own form',
};

const ageRange = (min?: number, max?: number) =>
  min !== undefined && max !== undefined
    ? `Ages ${min} to ${max}`
    : min !== undefined
      ? `Ages ${min} and over`
      : max !== undefined
        ? `Up to age ${max}`
        : 'All ages';

/** GET /api/v1/directory/search: services to refer on to, with distance, eligibility and capacity. */
export function DirectorySearchPage() {
  const { api } = useSignedIn();
  const { location, navigate } = useRouter();
  const applied = directoryFiltersFromSearch(location.search);
  const appliedKey = toQuery(directoryFiltersToSearch(applied));
  const [draft, setDraft] = useState<DirectoryFilters>(applied);
  const [errors, setErrors] = useState<Record<string, string>>({});
  useEffect(() => setDraft(directoryFiltersFromSearch(location.search)), [appliedKey]);
  const searched = appliedKey !== '';
  const result = useApi(
    () =>
      searched
        ? api.get<SearchResult>('/directory/search', directoryApiQuery(applied))
        : Promise.resolve(undefined),
    [api, appliedKey],
  );

  const go = (filters: DirectoryFilters) =>
    navigate(`/directory${toQuery(directoryFiltersToSearch(filters))}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = directoryFilterErrors(draft);
    setErrors(problems);
    if (!Object.keys(problems).length)
      go({ ...draft, postcode: draft.postcode.trim().toUpperCase(), page: 1 });
  };
  const serverErrors = result.error?.status === 400 ? result.error.fieldErrors() : {};
  const text = (key: 'text' | 'postcode' | 'age' | 'radiusKm') => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value }),
    error: errors[key] ?? serverErrors[key],
  });

  return (
    <Page
      title="Directory search"
      lede="Find a service to refer someone on to. Give their postcode to see distances, and their age to see who they are eligible for."
    >
      <ErrorSummary errors={summaryOf({ ...errors, ...serverErrors })} />
      <form className="filters" onSubmit={submit} noValidate role="search" aria-label="Search the directory">
        <div className="filters__grid">
          <TextField
            id="text"
            label="What are you looking for?"
            hint="For example walking, debt or carers"
            autoComplete="off"
            {...text('text')}
          />
          <TextField
            id="postcode"
            label="Person’s postcode"
            hint="For distances"
            autoComplete="off"
            {...text('postcode')}
          />
          <TextField
            id="age"
            label="Person’s age"
            hint="In years"
            inputMode="numeric"
            autoComplete="off"
            {...text('age')}
          />
          <TextField
            id="radiusKm"
            label="Within (km)"
            hint="Of the postcode"
            inputMode="decimal"
            autoComplete="off"
            {...text('radiusKm')}
          />
        </div>
        <div className="checkbox filters__checkbox">
          <input
            type="checkbox"
            id="availableOnly"
            name="availableOnly"
            checked={draft.availableOnly}
            onChange={(e) => setDraft({ ...draft, availableOnly: e.target.checked })}
          />
          <label htmlFor="availableOnly">Only services that can take a referral now</label>
        </div>
        <div className="button-group">
          <button type="submit" className="button">
            Search
          </button>
        </div>
      </form>

      <LoadState
        loading={searched && result.loading && !result.data}
        error={result.error?.status === 400 ? undefined : result.error}
        onRetry={result.reload}
      />
      {result.data ? (
        <section aria-labelledby="results-title" aria-busy={result.loading}>
          <h2 id="results-title" className="visually-hidden">
            Results
          </h2>
          {result.data.origin?.resolution === 'outward_centroid' ? (
            <p className="field__hint">
              Distances are from the middle of {result.data.origin.postcode.split(' ')[0]}: the full postcode
              is not in our list.
            </p>
          ) : null}
          <ol className="results">
            {result.data.items.map((hit) => (
              <li key={hit.service.id} className="result">
                <h3 className="result__title">{hit.service.name}</h3>
                <p className="result__org">{hit.service.organizationName}</p>
                {hit.service.description ? <p>{hit.service.description}</p> : null}
                <dl className="result__facts">
                  <div>
                    <dt>Distance</dt>
                    <dd>{hit.distanceKm === undefined ? 'Not known' : `${hit.distanceKm.toFixed(1)} km`}</dd>
                  </div>
                  <div>
                    <dt>Eligibility</dt>
                    <dd>
                      {applied.age ? (
                        hit.eligible ? (
                          <Tag tone="green">Eligible</Tag>
                        ) : (
                          <Tag tone="red">Not eligible</Tag>
                        )
                      ) : null}{' '}
                      {ageRange(hit.service.minimumAge, hit.service.maximumAge)}
                      {hit.service.eligibilityDescription ? `. ${hit.service.eligibilityDescription}` : ''}
                    </dd>
                  </div>
                  <div>
                    <dt>Capacity</dt>
                    <dd>
                      <Tag tone={hit.service.capacity.available ? 'green' : 'grey'}>
                        {hit.service.capacity.available ? 'Available' : 'Not available'}
                      </Tag>{' '}
                      {capacityText(hit.service.capacity)}
                    </dd>
                  </div>
                  {hit.service.referral.route ? (
                    <div>
                      <dt>How to refer</dt>
                      <dd>
                        {ROUTE_LABELS[hit.service.referral.route] ?? hit.service.referral.route}
                        {hit.service.referral.details ? `: ${hit.service.referral.details}` : ''}
                      </dd>
                    </div>
                  ) : null}
                </dl>
                {hit.service.stale ? (
                  <p className="field__hint">These details have not been checked recently.</p>
                ) : null}
              </li>
            ))}
          </ol>
          {result.data.items.length === 0 ? (
            <p className="empty">No services match. Try fewer words or a wider distance.</p>
          ) : null}
          <Pagination
            page={result.data.page}
            perPage={result.data.perPage || DIRECTORY_PAGE_SIZE}
            total={result.data.total}
            noun="services"
            onPage={(page) => go({ ...applied, page })}
          />
        </section>
      ) : null}
    </Page>
  );
}
