// What GraphiQL opens with: the questions an analyst asks of the seed knowledge, one named operation
// each (pick one with the run button's menu). test/graphql/examples.test.ts runs every one of them.
// No named fragments: GraphiQL sends the chosen operation with every fragment in the editor, and a
// fragment the operation does not use fails validation.
export const graphiqlExamples = /* GraphQL */ `# Provenance knowledge base: what is known, who said it, where, and how well corroborated.

# Where does the 10,000-troops figure come from, statement by statement?
query TroopsProvenance {
  claim(key: "claim:north-korea-sent-10000-troops-to-russia") {
    statement
    value { ... on QuantityValue { amount unit approximate } }
    provenance {
      ... on ClaimProvenance {
        attributions { agent { name } source { title } quotation span { start end } wording textHeld }
        derivations { hops kind derived { title } origin { title publisher { name } } }
        primarySources { key title reliability { grade } }
        documentDerivations { kind derived { title } origin { title } }
      }
      ... on Error { message }
    }
  }
}

# How many independent origins back it, and how credible is it?
query TroopsCorroboration {
  claim(key: "claim:north-korea-sent-10000-troops-to-russia") {
    statement
    corroboration {
      independentOrigins
      documents
      origins { source { title } reliability agents { name } }
      suggestedCredibility
      curatedCredibility
      reasoning
    }
  }
}

# A South Korean intelligence briefing and South Korean government statements: one origin or two?
query ChoeVisitOrigins {
  claim(key: "claim:choe-visit-may-discuss-more-troops") {
    statement
    corroboration {
      independentOrigins
      groups { reliability joinedBecause origins { source { title } agents { name } } }
      suggestedCredibility
      reasoning
    }
  }
}

# What do North Korea and Russia say?
query WhatNorthKoreaAndRussiaSay {
  northKorea: entity(key: "entity:north-korea") {
    name
    statements(first: 20) { totalCount edges { node { stance wording quotation claim { statement modality } source { title } } } }
  }
  russia: entity(key: "entity:russia") {
    name
    statements(first: 20) { totalCount edges { node { stance wording quotation claim { statement modality } source { title } } } }
  }
}

# What has been said for South Korea: by it, its president, and its intelligence agency?
query SouthKoreaOnItsBehalf {
  entity(key: "entity:south-korea") {
    name
    statements(onItsBehalf: true, first: 50) {
      totalCount
      edges { node { agent { name } wording quotation source { title } claim { statement } } }
    }
  }
}

# Which claims are only hedged ("may", "could", "fear")?
query HedgedClaims {
  claims(modality: HEDGED, first: 50) {
    totalCount
    edges { node { statement attributions(first: 3) { edges { node { agent { name } quotation } } } } }
  }
}

# Whose account is contested, and by whom?
query Tensions {
  tensions(subject: "entity:north-korea") {
    ... on TensionConnection { totalCount edges { node { kind explanation assertedBy { name } disputedBy { name } } } }
    ... on Error { message }
  }
}

# Who vetoed DPRK drafts, and when?
query DprkVetoes {
  unscVetoes(agenda: "DPRK") {
    ... on UnscVetoConnection {
      totalCount edges { node { date member { name } draft { symbol title tally { yes no abstentions } } } }
    }
    ... on Error { message }
  }
}

# How often do Russia and China vote alike on the DPRK?
query RussiaChinaAlignment {
  unscAlignment(a: "entity:russia", b: "entity:china", agenda: "DPRK") {
    ... on UnscAlignment {
      decisions
      identical
      agreement
      records(first: 20) { edges { node { same voteA voteB draft { symbol resolutionNumber voteDate } } } }
    }
    ... on Error { message }
  }
}

# Which UN records bear on the claim that Russia and China blocked sanctions, and how far?
query BlockedSanctionsRecords {
  claim(key: "claim:russia-blocked-unsc-sanctions") {
    statement
    unscRecords { support note draft { symbol outcome voteDate tally { yes no abstentions } } }
    corroboration {
      independentOrigins
      partialSupport { unscRecord { symbol } note }
      suggestedCredibility
      curatedCredibility
      reasoning
    }
  }
}

# Which curated credibility grades does the evidence not bear out?
query CredibilityReview {
  credibilityReview(first: 20) {
    totalCount
    edges { curatedCredibility suggestedCredibility node { key statement } }
    pageInfo { hasNextPage endCursor }
  }
}

# What of the seed article comes from the article, and what from the curator?
query ArticleFields {
  source(key: "source:seed-article") { title kind publisher { name } curatorFields documentFields }
}

# The DPRK on a timeline.
query NorthKoreaTimeline {
  timeline(entity: "entity:north-korea", first: 50) {
    ... on TimelineConnection {
      totalCount edges { node { at kind claim { statement } unscDecision { symbol resolutionNumber outcome } } }
    }
    ... on Error { message }
  }
}

# Full-text search over claims, quotations, UN records, names and sources.
query Search {
  search(query: "Pentagon troops") {
    ... on SearchConnection {
      totalCount edges { score headline node { __typename ... on Claim { statement } ... on Attribution { quotation agent { name } } ... on UnscDraft { symbol title } ... on Source { title } ... on Entity { name } } }
    }
    ... on Error { message }
  }
}

# Search in an analyst's words: "Korean" also matches Korea, and the claims about the states the query names come first.
query SearchClaimsAboutNamedStates {
  search(query: "North Korean troops Russia", types: [CLAIM], first: 5) {
    ... on SearchConnection { totalCount edges { score node { ... on Claim { statement subject { name } } } } }
    ... on Error { message }
  }
}

# A resolution by its number, in search and as a record.
query Resolution1718 {
  search(query: "resolution 1718", types: [UNSC_DRAFT], first: 3) {
    ... on SearchConnection { edges { headline node { ... on UnscDraft { resolutionNumber title } } } }
    ... on Error { message }
  }
  unscDraft(key: "S/RES/1718") { resolutionNumber voteDate outcome agenda { name aliases } tally { yes no abstentions } }
}
`;
