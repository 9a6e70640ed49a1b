import { graphql } from '../../graphql';

export const DraftVotesFields = graphql(`
  fragment DraftVotesFields on UnscDraft @_unmask {
    key
    symbol
    title
    agenda {
      key
      name
    }
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
      __typename
      ... on UnscDraftConnection {
        totalCount
        edges {
          node {
            ...DraftVotesFields
          }
        }
      }
      ... on Error {
        message
      }
    }
    unscVetoes(agenda: $agenda, first: 100) {
      __typename
      ... on UnscVetoConnection {
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
      ... on Error {
        message
      }
    }
  }
`,
  [DraftVotesFields],
);

export const AgendasQuery = graphql(`
  query Agendas {
    unscAgendas(first: 100) {
      edges {
        node {
          key
          name
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
    unscDraft(key: $key) {
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
