// Every test here runs dtgraph as a process (some publish or pack it first): the slow end of the suite.
// `dotnet test --filter "Category!=Process&Category!=Browser"` leaves them out (README: fast tests).
[assembly: Trait("Category", "Process")]
