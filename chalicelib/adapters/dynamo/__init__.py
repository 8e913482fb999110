"""DynamoDB through PynamoDB: models (the table definitions) and repositories."""
