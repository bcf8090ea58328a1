import numpy as np, mpmath as mp, itertools
from scipy.optimize import linprog
mp.mp.dps=40
# A.1 part 2, logistic, zero margins
def psi_log(margins):
    s=sum(mp.log(1+mp.e**(-m)) for m in margins)
    return -mp.log(mp.e**s-1)   # ell^{-1}(s) = -ln(e^s-1)
for n in [6,7,8,9,20]:
    ps=psi_log([0]*n); print("A.1 n",n,"rhs=psi+2ln n+1 =",mp.nstr(ps+2*mp.log(n)+1,8))
# small positive margins n=8
print("A.1 n=8 margin .05:",mp.nstr(psi_log([mp.mpf('0.05')]*8)+2*mp.log(8)+1,8))
# A.2 part1
v=mp.mpf('6.851'); print("A.2 true min",mp.nstr(v-1-mp.log(v),6),"printed",mp.nstr(mp.log(1/v),6))
rng=np.random.default_rng(0)
vv=rng.random(5)*3; p=vv/vv.sum()
D=lambda p,v: np.sum(p*np.log(p/v)-p+v)
print("A.2 check numeric",D(p,vv), vv.sum()-1-np.log(vv.sum()))
# Lemma 3.5 replacement: D(c pbar,u0)/c vs KL(pbar,u0) with ||u0||=1
u0=np.full(5,0.2); pb=rng.random(5); pb/=pb.sum()
for c in [0.5,2.0,10.0,1e3]:
    print("3.5 c",c,"D/c - KL =",D(c*pb,u0)/c-D(pb,u0),"Q(c)=",np.log(c)+1/c-1)
# Lemma 3.4: m=1, z_i=1, logistic, flow dlnu/dt = 2 G
import scipy.integrate as si
n=3
def rhs(t,y):
    u=np.exp(y[0]); G=1/(1+np.exp(u))   # -ell'(u)=1/(1+e^u), all z=1
    return [2*G, G]
sol=si.solve_ivp(rhs,[0,5],[np.log(0.5),0],rtol=1e-11,atol=1e-12)
lnu=sol.y[0,-1]; IG=sol.y[1,-1]
print("3.4 ln u(t)-ln u(0) =",lnu-np.log(0.5)," intG =",IG," 2 intG=",2*IG)
# feature gradient ratio
def F(v,x): return max(0,(v/np.linalg.norm(v))@x)
x=np.array([0.6,0.8,0.0]); v=np.array([2.0,0.5,0.3])
eps=1e-6; g=np.array([(F(v+eps*e,x)-F(v-eps*e,x))/(2*eps) for e in np.eye(3)])
vt=v/np.linalg.norm(v); printed=(1.0 if vt@x>0 else 0)*(np.eye(3)-np.outer(vt,vt))@x
print("feature grad ratio true/printed",g/printed," 1/||v||=",1/np.linalg.norm(v))
