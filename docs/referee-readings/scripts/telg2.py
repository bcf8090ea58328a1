import numpy as np
rng=np.random.default_rng(1)
for d in [4,6,20,50]:
    N=2_000_000
    a=rng.normal(size=N); V=rng.normal(size=(N,d))/np.sqrt(d)
    B=np.zeros((4,d)); s=1/np.sqrt(2); B[0,:2]=[s,s]; B[1,:2]=[s,-s]; B[2,:2]=[-s,s]; B[3,:2]=[-s,-s]
    sg=np.array([1,-1,-1,1.])
    trunc=(a**2+(V**2).sum(1))<=4
    ind=(V@B.T>=0).astype(float)
    thv=0.5*np.sign(a)[:,None]*(ind*sg)@B*trunc[:,None]
    ms=[]
    for x1,x2 in [(1,1),(1,-1),(-1,1),(-1,-1)]:
        x=np.ones(d)/np.sqrt(d); x[0]*=x1; x[1]*=x2; y=d*x[0]*x[1]
        ms.append(np.mean(y*a*(V@x>=0)*(thv@x)))
    print(f"d={d}: signed+truncated transport margins {np.round(ms,5)}  min={min(ms):.5f}  1/(50d)={1/(50*d):.5f}")
