"""Claims of W. Hoeffding (1963), "Probability inequalities for sums of bounded random variables",
as a theorycheck paper package (the worked example of docs/tutorial.md)."""
