import { graphql } from './graphql';

// Fragments that several pages' operations share; each page's own operations live in its operations.ts.

export const ClaimValueFields = graphql(`
  fragment ClaimValueFields on ClaimValue {
    __typename
    ... on EntityValue {
      entity {
        key
        name
      }
    }
    ... on QuantityValue {
      amount
      unit
      approximate
      lowerBound
      upperBound
    }
    ... on TextValue {
      text
    }
    ... on TimeValue {
      time
      precision
    }
    ... on UnknownValue {
      kind
    }
  }
`);

/** A statement (an attribution): who, how, in what words and where in the source's text. */
export const StatementFields = graphql(`
  fragment StatementFields on Attribution @_unmask {
    id
    stance
    wording
    quotation
    span {
      start
      end
    }
    agent {
      key
      name
    }
  }
`);
