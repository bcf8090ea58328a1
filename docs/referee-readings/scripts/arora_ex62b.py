import numpy as np
exec(open('arora_ex62.py').read().split('for n in')[0])
for n in [3000,6000]:
  for c in [32,64,128]:
    X=sample_band(c,n); y=c*(X[0]**2-X[1]**2)
    Hm=H(X); q=y@np.linalg.solve(Hm,y)
    print(n,c,"yHy/nuc=%.1f"%(q/(2*c)),"yHy/nuc^2=%.3f"%(q/(4*c*c)),"lam_min=%.2e"%np.linalg.eigvalsh(Hm)[0],flush=True)
