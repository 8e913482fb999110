"""Infrastructure as data: the merge template, generated tables, the build step and the local stack."""
