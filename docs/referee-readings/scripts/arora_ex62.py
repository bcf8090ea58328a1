import numpy as np
def H(X):
    K=np.clip(X.T@X,-1,1); return K*(np.pi-np.arccos(K))/(2*np.pi)
rng=np.random.default_rng(1)
def sample_band(c,n,d=3):
    out=[]
    while len(out)<n:
        Z=rng.normal(size=(d,20000)); Z/=np.linalg.norm(Z,axis=0)
        q=Z[0]**2-Z[1]**2
        out+=list(Z[:,np.abs(q)<=1/c].T)
    return np.array(out[:n]).T
for n in [500,1500,3000]:
  for c in [1,2,4,8,16,32]:
    X=sample_band(c,n); y=c*(X[0]**2-X[1]**2)
    assert np.abs(y).max()<=1
    Hm=H(X); v=np.linalg.solve(Hm,y); q=y@v
    print(n,c,"yHy=%.2f"%q,"nuc=%d"%(2*c),"ratio yHy/nuc=%.2f"%(q/(2*c)), "ratio/nuc^2=%.3f"%(q/(4*c*c)))
