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
