import { graphql } from '../../graphql';

export const DraftVotesFields = graphql(`
  fragment DraftVotesFields on UnscDraft @_unmask {
    key
    symbol
    title
    agenda
    voteDate
    outcome
    resolutionNumber
    tally {
      yes
      no
      abstentions
      nonVoting
    }
    votes {
      vote
      member {
        key
        name
      }
    }
  }
`);

export const CouncilQuery = graphql(
  `
  query Council($agenda: String) {
    unscDrafts(agenda: $agenda, first: 100) {
      totalCount
      edges {
        node {
          ...DraftVotesFields
        }
      }
    }
    unscVetoes(agenda: $agenda, first: 100) {
      __typename
      ... on QueryUnscVetoesSuccess {
        data {
          totalCount
          edges {
            node {
              date
              member {
                key
                name
              }
              draft {
                key
                symbol
                title
              }
            }
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`,
  [DraftVotesFields],
);

// Agendas are plain strings on drafts today (issue 16 makes them known things with their own list);
// the page offers those of the drafts it reads.
export const AgendasQuery = graphql(`
  query Agendas {
    unscDrafts(first: 100) {
      edges {
        node {
          key
          agenda
        }
      }
    }
  }
`);

export const AlignmentQuery = graphql(`
  query Alignment($a: String!, $b: String!, $agenda: String) {
    unscAlignment(a: $a, b: $b, agenda: $agenda) {
      __typename
      ... on UnscAlignment {
        a {
          key
          name
        }
        b {
          key
          name
        }
        decisions
        identical
        agreement
        records(first: 100) {
          totalCount
          edges {
            node {
              same
              voteA
              voteB
              draft {
                key
                symbol
                title
                voteDate
              }
            }
          }
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const DraftQuery = graphql(
  `
  query Draft($key: String!) {
    unscDraft(symbolOrKey: $key) {
      ...DraftVotesFields
      submittedAt
      meeting {
        recordSymbol
        date
      }
      sponsors {
        key
        name
      }
      claims {
        support
        note
        claim {
          key
          statement
        }
      }
    }
  }
`,
  [DraftVotesFields],
);
