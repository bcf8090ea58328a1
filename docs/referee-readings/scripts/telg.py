import numpy as np, mpmath as mp
rng=np.random.default_rng(0)
# (1) Prop 1.6.1 printed transport on a label -1 point, d=6
d=6; N=2_000_000
a=rng.normal(size=N); V=rng.normal(size=(N,d))/np.sqrt(d)
B=np.zeros((4,d)); s=1/np.sqrt(2)
B[0,:2]=[s,s]; B[1,:2]=[s,-s]; B[2,:2]=[-s,s]; B[3,:2]=[-s,-s]
alpha=np.array([1,-1,-1,1])/4
def margin(x,y,signed):
    act=(V@x>=0)
    ind=(V@B.T>=0).astype(float)            # N x 4
    coef=(np.sign(alpha) if signed else np.ones(4))
    thv=0.5*np.sign(a)[:,None]*(ind*coef)@B  # v-component of theta
    # <theta, dbar p> = y * a * sigma'(v.x) * <theta_v, x>
    return np.mean(y*a*act*(thv@x))
x_pos=np.ones(d)/np.sqrt(d); y_pos=d*x_pos[0]*x_pos[1]
x_neg=x_pos.copy(); x_neg[1]*=-1; y_neg=d*x_neg[0]*x_neg[1]
print("Prop1.6.1 printed: y=+1 margin %.5f, y=-1 margin %.5f ; 1/(50d)=%.5f"%(margin(x_pos,y_pos,False),margin(x_neg,y_neg,False),1/(50*d)))
print("Prop1.6.1 signed : y=+1 margin %.5f, y=-1 margin %.5f"%(margin(x_pos,y_pos,True),margin(x_neg,y_neg,True)))
print("  closed form -E|a|/2*sqrt(2/d)*asin(sqrt(2/d))/pi =",-np.sqrt(2/np.pi)/2*np.sqrt(2/d)*np.arcsin(np.sqrt(2/d))/np.pi)
# (2) hard margin can decrease: 2-homogeneous p_i = sum_k u_k^2 z_ik, exp loss, GF
Z=np.array([[0.6,0.4]]+[[0.0,1.0]]*20)
u=np.array([1.0,1.0])*1.5; dt=1e-3; gam=[]
for t in range(20000):
    p=Z@(u**2); w=np.exp(-p)
    u=u+dt*(2*u*(w@Z))/len(Z)
    gam.append((Z@(u**2)).min()/(u@u))
gam=np.array(gam); print("hard margin: start %.4f, min %.4f, end %.4f, positive throughout:%s"%(gam[0],gam.min(),gam[-1],(gam>0).all()))
# (3) Lemma A.3.1 at network init, Prop 1.5.1 transport, single point x=u (gamma_hat=1), d=5
d=5; ub=np.zeros(d); ub[0]=1; x=ub.copy(); y=1; delta=0.1; n=1
def paired_sum(m,scale_a):
    aa=rng.normal(size=m)*scale_a; VV=rng.normal(size=(m,d))/np.sqrt(d)
    ind=(aa**2+(VV**2).sum(1))<=4
    th_v=np.sign(aa)[:,None]*ub*ind[:,None]
    return np.sum((th_v@x)*y*aa*(VV@x>=0))/np.sqrt(m)
# gamma_ntk for this transport under N_theta (a~N(0,1))
M=2_000_000; aa=rng.normal(size=M); VV=rng.normal(size=(M,d))/np.sqrt(d)
g=np.mean(np.abs(aa)*(VV@x>=0)*((aa**2+(VV**2).sum(1))<=4)); print("gamma_ntk(Prop1.5.1 transport) ~ %.4f"%g)
for m in [500,5000,50000]:
    print(" m=%d: sum at N_theta init=%.3f, at network init (a~N/sqrt m)=%.3f, bound gamma*sqrt(m)-sqrt(32 ln(n/delta))=%.3f"%(m,paired_sum(m,1.0),paired_sum(m,1/np.sqrt(m)),g*np.sqrt(m)-np.sqrt(32*np.log(n/delta))))
# (4) Lemma B.2
print("B.2: |l'(z)|=1/8 at z=ln7=",mp.log(7), " |l'(1.95)|=",1/(1+mp.e**1.95), " l(1.95)<=2|l'|?", mp.log(1+mp.e**-1.95)<=2/(1+mp.e**1.95))
# (5) Lemma 2.4 width
for L in [1,10,100,1e4]:
    print("2.4 L=%g: (16-sqrt32-4)sqrt L-4=%.3f vs 8 sqrt L=%.3f"%(L,(16-np.sqrt(32)-4)*np.sqrt(L)-4,8*np.sqrt(L)))
# (7) B.1 chain
gm=0.1; m=(640/gm)**2*4
for eta in [gm/(10*np.sqrt(m)), gm**2/6400]:
    r=10*eta*np.sqrt(m)/gm; print("B.1 eta=%.3g: r g sqrt m/4=%.4g, g^2 m/2560=%.4g"%(eta,r*gm*np.sqrt(m)/4,gm**2*m/2560))
# (8) Lemma 2.3 radius
x,r=2.5,1; print("2.3: x^2=%.2f <= 2+2rx=%.2f ; x<=2r? %s ; x<=4r? %s"%(x*x,2+2*r*x,x<=2*r,x<=4*r))
