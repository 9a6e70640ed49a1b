import { ClaimValueFields } from '../../fragments';
import { graphql } from '../../graphql';

// Issue 16 adds, per attribution, whether the words are the agent's own or the reporter's; per statement,
// the derivations it rests on (the chain below is the carrying documents' own derivations); corroboration
// groups; and how fully each UN record supports the claim (today a stance).
export const ClaimQuery = graphql(
  `
  query Claim($key: String!) {
    claim(key: $key) {
      key
      statement
      predicate
      modality
      rank
      credibility
      deprecationReason
      version
      pointInTime
      subject {
        key
        name
      }
      place {
        key
        name
      }
      period {
        start
        end
      }
      value {
        ...ClaimValueFields
      }
      attributions(first: 50) {
        totalCount
        edges {
          node {
            id
            stance
            quotation
            statedAt
            span {
              start
              end
            }
            agent {
              key
              name
            }
            onBehalfOf {
              key
              name
            }
            source {
              key
              title
              text
            }
          }
        }
      }
      provenance {
        __typename
        ... on ClaimProvenance {
          derivations {
            hops
            kind
            note
            derived {
              key
              title
            }
            origin {
              key
              title
            }
          }
          primarySources {
            key
            title
          }
          truncated {
            key
            title
          }
        }
        ... on Error {
          message
        }
      }
      corroboration {
        independentOrigins
        documents
        suggestedCredibility
        reasoning
        origins {
          ...OriginFields
        }
        contradictingOrigins {
          ...OriginFields
        }
      }
      unscRecords {
        stance
        draft {
          key
          symbol
          title
          outcome
          voteDate
          tally {
            yes
            no
            abstentions
          }
        }
      }
      tensions {
        kind
        explanation
        claim {
          key
          statement
        }
        other {
          key
          statement
        }
      }
      history(first: 50) {
        totalCount
        edges {
          node {
            at
            actor
            operation
            table
            changedFields
          }
        }
      }
    }
  }

  fragment OriginFields on CorroborationOrigin @_unmask {
    reliability
    source {
      key
      title
    }
    unscRecord {
      key
      symbol
    }
    agents {
      key
      name
    }
  }
`,
  [ClaimValueFields],
);
