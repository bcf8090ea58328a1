import numpy as np, itertools
from scipy.optimize import minimize
from fractions import Fraction
# uniform-dual upper bound on gamma_D for support-only parity with uniform marginal:
# gamma_D <= sup_{|v|=1} |E_x[ y * relu(v.x) ]|
def ub(d,S):
    X=np.array(list(itertools.product([-1,1],repeat=d)))/np.sqrt(d)
    y=np.prod(np.sign(X[:,S]),axis=1)
    def obj(v):
        v=v/np.linalg.norm(v); return -abs(np.mean(y*np.maximum(X@v,0)))
    best=0; rng=np.random.default_rng(0)
    for _ in range(300):
        r=minimize(obj,rng.normal(size=d),method='Nelder-Mead',options={'xatol':1e-10,'fatol':1e-12,'maxiter':4000})
        best=max(best,-r.fun)
    return best
for d,k in [(2,2),(3,2),(4,2),(5,2),(3,1),(4,1),(3,3),(5,3)]:
    b=ub(d,list(range(k)))
    print(f"d={d} k={k} dual-UB={b:.6f} printed 1/(k sqrt d)={1/(k*np.sqrt(d)):.6f} 1/sqrt(8d)={1/np.sqrt(8*d):.6f}")
