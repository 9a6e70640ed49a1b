import { graphql } from '../../graphql';
import { MutationErrorFields } from '../curation/operations';

// Issue 20's review of a proposed annotation: a draft's text with its proposals, reviewed one by one
// and committed as one import. Drafts are for analysts: every operation here needs an analyst key.

export const OpenDraftsQuery = graphql(`
  query OpenDrafts {
    drafts(first: 50, status: OPEN) {
      totalCount
      edges {
        node {
          id
          title
          createdAt
          createdBy
          publisher {
            key
            name
          }
        }
      }
    }
  }
`);

export const DraftReviewQuery = graphql(`
  query DraftReview($id: ID!) {
    draft(id: $id) {
      id
      title
      status
      version
      text
      sourceKey
      heldSource {
        key
        title
      }
      createdBy
      committedBy
      publisher {
        key
        name
      }
      proposals(first: 100) {
        totalCount
        edges {
          node {
            id
            ref
            kind
            status
            confidence
            reviewedBy
            span {
              start
              end
            }
            cue {
              rule
              text
            }
            detail {
              __typename
              ... on StatementProposalDetail {
                agent
                onBehalfOf
                statement
                quotation
                modality
                ownWords
                linkedClaim {
                  key
                  statement
                }
              }
              ... on EntityProposalDetail {
                name
                entity
                entityKind
                existing
                alternatives
              }
              ... on QuantityProposalDetail {
                text
                amount
                unit
                approximate
              }
              ... on DerivationProposalDetail {
                origin
                title
                how
                existing
              }
            }
          }
        }
      }
    }
  }
`);

const ProposalErrorFields = graphql(
  `
  fragment ProposalErrorFields on Error @_unmask {
    ...MutationErrorFields
    ... on DraftValidationError {
      problems {
        path
        message
        proposal
      }
    }
  }
`,
  [MutationErrorFields],
);

export const ReviewProposalMutation = graphql(
  `
  mutation ReviewProposal($id: ID!, $decision: ProposalDecision!) {
    reviewProposal(id: $id, decision: $decision) {
      __typename
      ... on DraftProposal {
        id
        status
      }
      ...ProposalErrorFields
    }
  }
`,
  [ProposalErrorFields],
);

export const EditProposalMutation = graphql(
  `
  mutation EditProposal($id: ID!, $edit: ProposalEditInput!) {
    editProposal(id: $id, edit: $edit) {
      __typename
      ... on DraftProposal {
        id
        status
      }
      ...ProposalErrorFields
    }
  }
`,
  [ProposalErrorFields],
);

export const CommitDraftMutation = graphql(
  `
  mutation CommitDraft($id: ID!, $expectedVersion: Int) {
    commitDraft(id: $id, expectedVersion: $expectedVersion) {
      __typename
      ... on DraftCommit {
        created
        source {
          key
          title
        }
      }
      ...ProposalErrorFields
    }
  }
`,
  [ProposalErrorFields],
);
