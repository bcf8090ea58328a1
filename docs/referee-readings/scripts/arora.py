import numpy as np, mpmath as mp
def H(X):
    K=np.clip(X.T@X,-1,1); return K*(np.pi-np.arccos(K))/(2*np.pi)
rng=np.random.default_rng(0)
d=3
P=rng.normal(size=(d,d+1)); P/=np.linalg.norm(P,axis=0)
X=np.concatenate([P,-P],axis=1)
print("antipodal pairs d=3, n=8: lambda_min =",np.linalg.eigvalsh(H(X)).min())
# generic points, none equal or antipodal
for n in [5,20,50]:
    Y=rng.normal(size=(d,n)); Y/=np.linalg.norm(Y,axis=0)
    print("generic n",n,"lambda_min",np.linalg.eigvalsh(H(Y)).min())
# one antipodal pair plus generic
# eq17
k=mp.mpf('0.01'); R=mp.mpf('0.001')
print("P",mp.erf(R/(k*mp.sqrt(2))),"printed",2*R/mp.sqrt(2*mp.pi*k),"fixed",2*R/(mp.sqrt(2*mp.pi)*k))
# L911 Hadamard vs Khatri-Rao
X=rng.normal(size=(3,4)); l=2
Kl=(X.T@X)**l
Had=(X**l).T@(X**l)
KR=np.stack([np.kron(X[:,i],X[:,i]) for i in range(4)],1)
print(np.abs(Kl-Had).max(), np.abs(Kl-KR.T@KR).max())
