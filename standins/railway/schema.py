"""Railway's public GraphQL schema, the stand-in's source of truth for what a query may ask.

``railway_schema.graphql`` is the SDL form of ``src/gql/schema.json`` from railwayapp/cli
(MIT; converted with graphql-core's ``build_client_schema`` + ``print_schema``).
"""

from __future__ import annotations

from functools import cache
from importlib import resources

from graphql import DocumentNode, GraphQLError, GraphQLSchema, build_schema, parse, validate

SCHEMA_FILE = "railway_schema.graphql"


@cache
def railway_schema() -> GraphQLSchema:
    """The schema, built once per process on first use (it takes a few hundred ms)."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    # The published SDL breaks one type-system rule (Team.id is deprecated, Node.id is not);
    # Railway serves it regardless, and the rule has no bearing on validating queries.
    return build_schema(text, assume_valid=True)


def check(document: str) -> tuple[DocumentNode | None, list[GraphQLError]]:
    """The parsed document and the schema's complaints about it (syntax or validation)."""
    try:
        parsed = parse(document)
    except GraphQLError as error:
        return None, [error]
    return parsed, list(validate(railway_schema(), parsed))
