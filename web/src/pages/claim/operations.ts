import { ClaimValueFields, StatementFields } from '../../fragments';
import { graphql } from '../../graphql';

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
            ...StatementFields
            textHeld
            statedAt
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
            statement {
              id
              agent {
                name
              }
            }
            originStatement {
              id
              agent {
                name
              }
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
        agreesWithCurated
        reasoning
        groups {
          joinedBecause
          reliability
          origins {
            ...OriginFields
          }
        }
        partialSupport {
          ...OriginFields
        }
        contradictingOrigins {
          ...OriginFields
        }
      }
      unscRecords {
        support
        note
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
    note
    statement {
      id
    }
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
  [ClaimValueFields, StatementFields],
);
