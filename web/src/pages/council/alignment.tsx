import { useQuery } from '@urql/preact';
import { useMemo } from 'preact/hooks';
import type { ResultOf } from '../../graphql';
import { Chart, type ChartOption } from '../../ui/chart';
import { DateText, percent } from '../../ui/format';
import { voteLabel } from '../../ui/labels';
import { DraftLink } from '../../ui/links';
import { palette } from '../../ui/palette';
import { QueryView, UnionError } from '../../ui/query-state';
import { AlignmentQuery } from './operations';
import type { Member } from './vote-matrix';

type Alignment = Extract<ResultOf<typeof AlignmentQuery>['unscAlignment'], { __typename: 'UnscAlignment' }>;

function AlignmentChart({ alignment }: { alignment: Alignment }) {
  const option = useMemo<ChartOption>(() => {
    let same = 0;
    const points = alignment.records.edges.map(({ node }, index) => {
      if (node.same) same++;
      return {
        name: node.draft.symbol ?? node.draft.title,
        value: [node.draft.voteDate ?? '', Math.round((same / (index + 1)) * 100)],
        itemStyle: { color: node.same ? palette.yes : palette.no },
      };
    });
    return {
      tooltip: { trigger: 'item', formatter: (item) => (item as { name?: string }).name ?? '' },
      grid: { left: 48, right: 24, top: 24, bottom: 32 },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', min: 0, max: 100, name: 'agreement so far, %' },
      series: [
        {
          type: 'line',
          step: 'end',
          symbolSize: 10,
          lineStyle: { color: palette.accent },
          data: points,
        },
      ],
    };
  }, [alignment]);
  return (
    <Chart
      option={option}
      label={`Line chart of how often ${alignment.a.name} and ${alignment.b.name} voted alike, over time`}
    />
  );
}

/** How two members voted on the same decisions, over time; the members are chosen in the page's URL. */
export function Alignment({
  members,
  a,
  b,
  agenda,
  choose,
}: {
  members: readonly Member[];
  a: string;
  b: string;
  agenda: string | undefined;
  choose: (which: 'a' | 'b', key: string) => void;
}) {
  const query = useQuery({ query: AlignmentQuery, variables: { a, b, agenda }, pause: !a || !b });
  const picker = (which: 'a' | 'b', value: string, label: string) => (
    <span>
      <label for={`alignment-${which}`}>{label}</label>{' '}
      <select
        id={`alignment-${which}`}
        value={value}
        onChange={(event) => choose(which, (event.target as HTMLSelectElement).value)}
      >
        {members.map((member) => (
          <option key={member.key} value={member.key}>
            {member.name}
          </option>
        ))}
      </select>
    </span>
  );
  return (
    <section aria-labelledby="alignment">
      <h2 id="alignment">Alignment of two members over time</h2>
      <div class="pickers">
        {picker('a', a, 'First member')}
        {picker('b', b, 'Second member')}
      </div>
      <QueryView query={query} what="the alignment">
        {({ unscAlignment }) => {
          if (unscAlignment.__typename !== 'UnscAlignment') return <UnionError error={unscAlignment} />;
          const records = unscAlignment.records.edges.map((edge) => edge.node);
          return (
            <>
              <p class="headline-figure">
                {unscAlignment.agreement == null ? (
                  <>They shared no decision.</>
                ) : (
                  <>
                    <strong>{percent(unscAlignment.agreement)}</strong> {unscAlignment.a.name} and{' '}
                    {unscAlignment.b.name} voted alike on {unscAlignment.identical} of {unscAlignment.decisions}{' '}
                    decisions.
                  </>
                )}
              </p>
              {records.length > 0 && <AlignmentChart alignment={unscAlignment} />}
              <table class="compact">
                <thead>
                  <tr>
                    <th scope="col">Voted</th>
                    <th scope="col">Draft</th>
                    <th scope="col">{unscAlignment.a.name}</th>
                    <th scope="col">{unscAlignment.b.name}</th>
                    <th scope="col">Alike</th>
                  </tr>
                </thead>
                <tbody>
                  {records.map((record) => (
                    <tr key={record.draft.key}>
                      <td>{record.draft.voteDate && <DateText value={record.draft.voteDate} />}</td>
                      <td>
                        <DraftLink draft={record.draft} />
                      </td>
                      <td>{voteLabel[record.voteA]}</td>
                      <td>{voteLabel[record.voteB]}</td>
                      <td>{record.same ? 'yes' : <strong>no</strong>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          );
        }}
      </QueryView>
    </section>
  );
}
