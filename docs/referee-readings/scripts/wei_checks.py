import numpy as np, itertools, sympy as sp, mpmath as mp
# (B.1) arc probability
rng=np.random.default_rng(0)
x=np.array([1.,0,0]); xp=np.array([np.cos(1.0),np.sin(1.0),0])
U=rng.normal(size=(2_000_000,3)); p=np.mean((U@x>=0)&(U@xp>=0))
print("B.1: MC",p," (pi-th)/(2pi)",(np.pi-1)/(2*np.pi)," printed 1-th/pi",1-1/np.pi)
# Lemma B.6 moment matrix, exact enumeration d=4
d=4; Z=np.array(list(itertools.product([-1,1],repeat=d)),float)
T=np.einsum('ni,nj->nij',Z,Z).reshape(len(Z),-1)
Mom=T.T@T/len(Z)
S=[i*d+i for i in range(d)]; oneS=np.zeros(d*d); oneS[S]=1
off=[k for k in range(d*d) if k not in S]
printed=np.outer(oneS,oneS); printed[np.ix_(off,off)]+=np.eye(len(off))
print("B.6 moment: max|true-printed| =",np.abs(Mom-printed).max())
# identity with factor 2
n=5; zs=Z[rng.integers(0,len(Z),n)]; beta=rng.normal(size=n)
lhs=np.mean(((Z@zs.T)**2@beta)**2)
Mt=np.einsum('ni,nj->nij',zs,zs).reshape(n,-1)[:,off].T
print("B.6 lhs",lhs," printed rhs",d*d*beta.sum()**2+beta@Mt.T@Mt@beta," with factor2",d*d*beta.sum()**2+2*beta@Mt.T@Mt@beta)
# Lemma B.6 range: g=x^2, n=d(d-1)/2+2 <= d^2 -> null beta
for d in [3,5,8]:
    n=d*(d-1)//2+2; zs=rng.choice([-1.,1.],size=(n,d))
    iu=np.triu_indices(d,1)
    A=np.vstack([np.array([np.outer(z,z)[iu] for z in zs]).T, np.ones(n)])
    _,s,Vt=np.linalg.svd(A); b=Vt[-1]
    # exact LHS by enumeration if d small, else formula
    if d<=8:
        Zc=np.array(list(itertools.product([-1,1],repeat=d)),float)
        val=np.mean(((Zc@zs.T)**2@b)**2)
    print(f"B.6 range d={d} n={n}<=d^2={d*d}: E[(sum b g)^2]={val:.2e}  sum b^2={b@b:.3f}")
# Thm B.9 trivial: linear model min-norm interpolant
X=rng.normal(size=(3,5)); y=rng.normal(size=3); th=np.linalg.pinv(X)@y
for lam in [1e-2,1e-4,1e-6]:
    thl=np.linalg.solve(X.T@X/3+lam*np.eye(5),X.T@y/3)
    print("B.9 lam",lam,"||th_lam||",np.linalg.norm(thl),"||th*||",np.linalg.norm(th),"||th*||^2",np.linalg.norm(th)**2)
# footnote 6: unit-norm Theta -> ||mu||_1 <= 1/2
W=rng.normal(size=7); Uu=rng.normal(size=(7,4)); s=np.sqrt((W**2).sum()+(Uu**2).sum()); W/=s; Uu/=s
print("fn6: ||mu||_1 =",np.sum(np.abs(W)*np.linalg.norm(Uu,axis=1)),"(<=1/2; balanced gives exactly 1/2)")
# Lemma E.14 thresholds: S^d in R^{d+1}, chord radius r
def cap(d,r):
    a=2*mp.asin(r/2)
    if a<=mp.pi/2: return mp.betainc(mp.mpf(d)/2,0.5,0,mp.sin(a)**2,regularized=True)/2
    return 1-mp.betainc(mp.mpf(d)/2,0.5,0,mp.sin(a)**2,regularized=True)/2
for d in [1,2,10]:
    f=lambda r: mp.log(cap(d,r))+2*d*mp.log(1/r)
    r=mp.findroot(f,(mp.mpf('0.05'),mp.mpf('1.0')),solver='bisect') if f(mp.mpf('0.05'))*f(mp.mpf(1))<0 else None
    print("E.14 d",d,"threshold r* =",r, " check at r=0.9: log m",mp.nstr(mp.log(cap(d,0.9)),6)," rhs",mp.nstr(-2*d*mp.log(1/0.9),6))
# Thm E.4 l choice
W2,eps,sig,c2,dd=sp.symbols('W2 epsilon sigma c2 d',positive=True)
tau=eps/(2*W2)
lreq=(sp.log(W2/sig)+2*dd*sp.log(2*c2/tau))/(tau-sig)+1
lch=W2/(eps-2*W2*sig)*(2*sp.log(W2/sig)+2*dd*sp.log(4*W2*c2/eps))
print("E.4: l_chosen - l_req =",sp.simplify(sp.expand_log(lch-lreq,force=True)))
