import numpy as np, itertools, sys
from scipy.optimize import linprog
def K(A,B):
    na=np.linalg.norm(A,axis=1)[:,None]; nb=np.linalg.norm(B,axis=1)[None,:]
    G=A@B.T; c=np.clip(G/(na*nb),-1,1); th=np.arccos(c)
    return G*(np.pi-th)/(2*np.pi) + na*nb*(np.sin(th)+(np.pi-th)*c)/(2*np.pi)
def support(d):
    Z=np.array(list(itertools.product([-1,1],repeat=d-2)),float)
    pts=[];ys=[]
    for (a,b,y) in [(1,0,1),(-1,0,1),(0,1,-1),(0,-1,-1)]:
        P=np.hstack([np.tile([a,b],(len(Z),1)),Z]); pts.append(P); ys+= [y]*len(Z)
    return np.vstack(pts),np.array(ys,float)
def trial(d,n,rng):
    X,Y=support(d); idx=rng.integers(0,len(X),n); Xs=X[idx]
    Kp=K(X,Xs)  # support x train
    A=-(Y[:,None]*Kp)   # -(y K beta) + t <= 0
    A=np.hstack([A,np.ones((len(X),1))])
    c=np.zeros(n+1); c[-1]=-1
    r=linprog(c,A_ub=A,b_ub=np.zeros(len(X)),bounds=[(-1,1)]*n+[(None,1e3)],method='highs')
    return r.x[-1], len(set(idx))
rng=np.random.default_rng(int(sys.argv[1]) if len(sys.argv)>1 else 0)
for d in [6,8,10,12]:
    for frac in [1.0,0.5]:
        n=int(frac*d*d)
        res=[trial(d,n,rng) for _ in range(5)]
        print(f"d={d} n={n} (n/d^2={frac}) LP margins:",[f"{t:.3g}" for t,_ in res],"distinct",[u for _,u in res],flush=True)
